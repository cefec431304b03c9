package io.github.cyclegan.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import io.github.cyclegan.messaging.options.GeneratorArchitecture;
import io.github.cyclegan.messaging.options.NormType;

class ModelArchitectureTest {

    private static final String VERSION = "{\"model\":\"m\",\"version\":1,\"generators\":{\"AtoB\":\"s3://bkt/g.safetensors\"},"
            + "\"architecture\":%s}";

    @Test
    void namesTheNetworkAsTheReferenceDoes() {
        ModelArchitecture architecture = new ModelArchitecture("unet_128", 32, "batch", 1, 3, true);

        assertThat(architecture.netG()).isEqualTo(GeneratorArchitecture.UNET_128);
        assertThat(architecture.norm()).isEqualTo(NormType.BATCH);
        assertThat(MessageCodec.toJson(architecture)).isEqualTo("{\"netG\":\"unet_128\",\"ngf\":32,\"norm\":\"batch\","
                + "\"inputNc\":1,\"outputNc\":3,\"dropout\":true}");
        assertThat(version("{\"netG\":\"resnet_9blocks\"}").architecture()).isEqualTo(ModelArchitecture.referenceDefault());
    }

    @Test
    void refusesAnUnknownOrMissingNetwork() {
        assertThatThrownBy(() -> version("{\"netG\":\"resnet_12blocks\"}")).isInstanceOf(InvalidMessageException.class)
                .hasMessage("ModelVersion.architecture.netG: unknown generator architecture 'resnet_12blocks'; "
                        + "expected one of resnet_9blocks, resnet_6blocks, unet_256, unet_128");
        assertThatThrownBy(() -> version("{\"netG\":\"unet_256\",\"norm\":\"group\"}"))
                .hasMessage("ModelVersion.architecture.norm: unknown norm type 'group'; expected one of instance, batch, none");
        assertThatThrownBy(() -> version("{\"ngf\":8}")).hasMessage("ModelVersion.architecture.netG is required");
    }

    private static ModelVersion version(String architecture) {
        return MessageCodec.fromJson(VERSION.formatted(architecture), ModelVersion.class);
    }
}
