package org.cinderemu.deploy.broker;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code up --broker}: which AMQP broker the stack talks to. */
public enum BrokerMode {
  /** The configured broker, else RabbitMQ on its default address if it answers, else the embedded one. */
  AUTO,
  /** Always the embedded broker, whatever the config says. */
  EMBEDDED,
  /** Never the embedded broker: the config's transport_url, or oslo's default one. */
  EXTERNAL;

  /** The spelling on the command line. */
  public String flag() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The values as the help text lists them: {@code auto|embedded|external}. */
  public static String choices() {
    return Arrays.stream(values()).map(BrokerMode::flag).collect(Collectors.joining("|"));
  }

  /** picocli's converter: lower-case words, a clear error otherwise. */
  public static final class Converter implements ITypeConverter<BrokerMode> {
    @Override
    public BrokerMode convert(String value) {
      return Arrays.stream(values()).filter(m -> m.flag().equalsIgnoreCase(value.strip())).findFirst()
          .orElseThrow(() -> new TypeConversionException("'" + value + "' is not one of " + choices()));
    }
  }
}
