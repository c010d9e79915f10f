package io.dianxiaoer.device.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TransportsTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
        "tcp://127.0.0.1:7001                 | tcp://127.0.0.1:7001",
        "tcp://localhost:1                    | tcp://localhost:1",
        "tcp://reader-box.local:65535         | tcp://reader-box.local:65535",
        "'  tcp://127.0.0.1:7001  '           | tcp://127.0.0.1:7001",
        "serial:/dev/ttyUSB0?baud=9600        | serial:/dev/ttyUSB0?baud=9600",
        "serial:/dev/ttyS1                    | serial:/dev/ttyS1?baud=115200",
        "serial:/dev/ttyS1?parity=none&baud=57600 | serial:/dev/ttyS1?baud=57600",
        "/dev/ttyUSB0                         | serial:/dev/ttyUSB0?baud=115200",
        "/tmp/x/ttyREADER?baud=38400          | serial:/tmp/x/ttyREADER?baud=38400",
        "COM3                                 | serial:COM3?baud=115200",
    })
    void parsesEveryForm(String uri, String described) {
        Transport t = Transports.fromUri(uri, 115200).get();
        assertThat(t.describe()).isEqualTo(described);
        assertThat(t.isOpen()).isFalse();
        assertThat(t).isInstanceOf(described.startsWith("tcp:") ? TcpTransport.class : SerialTransport.class);
    }

    @Test
    void eachGetMakesAFreshTransport() {
        var factory = Transports.fromUri("tcp://127.0.0.1:7001", 9600);
        assertThat(factory.get()).isNotSameAs(factory.get());
    }

    @Test
    void theDefaultBaudIsUsedWhenTheUriHasNone() {
        assertThat(Transports.fromUri("serial:/dev/ttyS0", 19200).get().describe()).isEqualTo("serial:/dev/ttyS0?baud=19200");
    }

    @ParameterizedTest(name = "''{0}'' → {1}")
    @CsvSource(delimiter = '|', value = {
        "tcp://                      | tcp transport needs host:port",
        "tcp://readerbox             | tcp transport needs host:port",
        "tcp://:7001                 | tcp transport needs host:port",
        "tcp://127.0.0.1:            | bad TCP port",
        "tcp://127.0.0.1:0           | bad TCP port",
        "tcp://127.0.0.1:65536       | bad TCP port",
        "tcp://127.0.0.1:seven       | bad TCP port",
        "tcp://127.0.0.1:70/x        | bad TCP port",
        "serial:                     | no port given",
        "serial:?baud=9600           | no port given",
        "''                          | no port given",
        "'   '                       | no port given",
        "serial:/dev/ttyS0?baud=fast | baud must be a number",
        "serial:/dev/ttyS0?baud=     | baud must be a number",
        "serial:/dev/ttyS0?baud=0    | baud must be a positive number",
        "serial:/dev/ttyS0?baud=-9600 | baud must be a positive number",
        "udp://127.0.0.1:7001        | unknown transport scheme 'udp'",
        "http://127.0.0.1:7080       | unknown transport scheme 'http'",
    })
    void badInputsAreRefusedWithAClearMessage(String uri, String message) {
        assertThatThrownBy(() -> Transports.fromUri(uri, 115200))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message)
                .hasMessageContaining("'" + uri + "'");
    }

    @Test
    void aMissingUriIsRefused() {
        assertThatThrownBy(() -> Transports.fromUri(null, 115200)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("uri");
    }
}
