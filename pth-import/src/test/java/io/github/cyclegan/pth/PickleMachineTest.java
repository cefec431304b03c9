package io.github.cyclegan.pth;

import io.github.cyclegan.weights.TensorFormatException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Opcodes the torch fixtures (protocol 2) do not reach: protocol 4 framing, strings, memo, globals. */
class PickleMachineTest {

    /**
     * Python 3.11: {@code pickle.dumps(collections.OrderedDict([('ints', [1, -2, 300, 70000, -70000,
     * 2**70]), ('misc', [1.5, True, False, None, 'é', (1,), (1, 2), (1, 2, 3), (1, 2, 3, 4)]),
     * ('one', [[5]]), ('d', {'k': 'v'})]), protocol=4)}.
     */
    private static final String PROTOCOL_4 = "800495a4000000000000008c0b636f6c6c656374696f6e73948c0b4f726465726564"
            + "44696374949394295294288c04696e7473945d94284b014afeffffff4d2c014a701101004a90eefeff8a090000000000"
            + "00000040658c046d697363945d9428473ff800000000000088894e8c02c3a9944b0185944b014b0286944b014b024b03"
            + "8794284b014b024b034b047494658c036f6e65945d945d944b0561618c0164947d948c016b948c01769473752e";

    private final PickleMachine machine = new PickleMachine(new TorchGlobals(), pid -> {
        throw new TensorFormatException("no persistent ids here");
    });

    @Test
    void decodesAProtocol4PickleOfPlainValues() throws TensorFormatException {
        ByteBuffer bytes = ByteBuffer.wrap(HexFormat.of().parseHex(PROTOCOL_4));

        Object value = machine.load(bytes);

        assertThat(bytes.hasRemaining()).isFalse();
        assertThat(value).isInstanceOf(Map.class);
        Map<?, ?> map = (Map<?, ?>) value;
        assertThat(List.copyOf(map.keySet())).isEqualTo(List.of("ints", "misc", "one", "d"));
        assertThat(map.get("ints")).isEqualTo(List.of(1L, -2L, 300L, 70000L, -70000L, BigInteger.TWO.pow(70)));
        assertThat(map.get("misc")).isEqualTo(Arrays.asList(1.5, true, false, null, "é",
                List.of(1L), List.of(1L, 2L), List.of(1L, 2L, 3L), List.of(1L, 2L, 3L, 4L)));
        assertThat(map.get("one")).isEqualTo(List.of(List.of(5L)));
        assertThat(map.get("d")).isEqualTo(Map.of("k", "v"));
    }

    @Test
    void refusesAStackGlobalOutsideTheAllowList() {
        // PROTO 4, SHORT_BINUNICODE 'os', SHORT_BINUNICODE 'system', STACK_GLOBAL, ...
        byte[] exploit = ("\u0080\u0004\u008c\u0002os\u008c\u0006system\u0093\u008c\u0002idR.")
                .getBytes(StandardCharsets.ISO_8859_1);

        assertThatThrownBy(() -> machine.load(ByteBuffer.wrap(exploit)))
                .isInstanceOf(TensorFormatException.class)
                .hasMessageContaining("refusing pickle global 'os.system'");
    }

    @Test
    void refusesOpcodesTorchNeverWrites() {
        // PROTO 2, NEWOBJ: object construction without REDUCE is not needed for state_dicts.
        byte[] newObject = {(byte) 0x80, 2, (byte) 0x81, '.'};

        assertThatThrownBy(() -> machine.load(ByteBuffer.wrap(newObject)))
                .isInstanceOf(TensorFormatException.class)
                .hasMessageContaining("unsupported pickle opcode 0x81");
    }

    @Test
    void truncatedPickleIsAClearError() {
        byte[] whole = HexFormat.of().parseHex(PROTOCOL_4);

        assertThatThrownBy(() -> machine.load(ByteBuffer.wrap(Arrays.copyOf(whole, 60))))
                .isInstanceOf(TensorFormatException.class)
                .hasMessageContaining("truncated pickle");
    }
}
