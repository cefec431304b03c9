package io.github.cyclegan.messaging.options;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import io.github.cyclegan.messaging.MessageCodec;

class OptionNameTest {

    @Test
    void findsAConstantByItsExactName() {
        assertThat(OptionName.fromName(GeneratorArchitecture.class, "unet_128")).isEqualTo(GeneratorArchitecture.UNET_128);
        assertThat(OptionName.fromName(TrainingDevice.class, "gpu")).isEqualTo(TrainingDevice.GPU);
        assertThat(OptionName.names(LrPolicy.class)).containsExactly("linear", "step", "plateau", "cosine");
    }

    @Test
    void anUnknownNameIsRefusedWithTheAcceptedOnes() {
        assertThatThrownBy(() -> OptionName.fromName(DiscriminatorArchitecture.class, "patch"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown discriminator architecture 'patch'; expected one of basic, n_layers, pixel");
        assertThatThrownBy(() -> OptionName.fromName(InitType.class, "NORMAL"))
                .hasMessage("unknown init type 'NORMAL'; expected one of normal, xavier, kaiming, orthogonal");
        assertThatThrownBy(() -> OptionName.fromName(GanMode.class, null))
                .hasMessage("unknown gan mode 'null'; expected one of lsgan, vanilla, wgangp");
    }

    @Test
    void jsonSpellsTheOptionName() {
        assertThat(MessageCodec.toJson(PreprocessMode.SCALE_WIDTH_AND_CROP)).isEqualTo("\"scale_width_and_crop\"");
        assertThat(MessageCodec.toJson(NormType.NONE)).isEqualTo("\"none\"");
    }
}
