package com.livegmv.jobs.live;

import java.util.Map;
import java.util.regex.Pattern;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;

/**
 * What may be shown of settings that can hold secrets, in our own output lines, exception messages
 * and {@code toString}: a JDBC URL without its parameters, the keys of Kafka client properties but
 * never their values.
 */
public final class Secrets {
    private static final String HIDDEN = "***";

    /** {@code password=...} in a JAAS line or URL parameters, quoted or not. */
    private static final Pattern PASSWORD =
            Pattern.compile("(?i)(password\\s*=\\s*)(\"[^\"]*\"|[^\\s&;\"]+)");

    private Secrets() {}

    /** A JDBC URL without its parameters, which may hold a password. */
    public static String jdbcUrl(String url) {
        if (url == null) {
            return null;
        }
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q);
    }

    /**
     * Whether a Kafka client property holds a secret: Kafka's clients type it as a password (and
     * log it as {@code [hidden]}), or its name says so by Flink's rule for its own configuration
     * ({@code password}, {@code secret}, {@code jaas.config}, {@code token}, ...).
     */
    public static boolean isSecret(String key) {
        return GlobalConfiguration.isSensitive(key)
                || isPassword(ConsumerConfig.configDef(), key)
                || isPassword(ProducerConfig.configDef(), key)
                || isPassword(AdminClientConfig.configDef(), key);
    }

    private static boolean isPassword(ConfigDef def, String key) {
        ConfigDef.ConfigKey k = def.configKeys().get(key);
        return k != null && k.type == ConfigDef.Type.PASSWORD;
    }

    /**
     * {@code text} (an exception's message, say) with the value of every secret property and every
     * {@code password=...} replaced by {@value #HIDDEN}.
     */
    public static String scrub(String text, Map<String, String> properties) {
        if (text == null) {
            return null;
        }
        String out = text;
        for (Map.Entry<String, String> e : properties.entrySet()) {
            if (isSecret(e.getKey()) && !e.getValue().isEmpty()) {
                out = out.replace(e.getValue(), HIDDEN);
            }
        }
        return PASSWORD.matcher(out).replaceAll("$1" + HIDDEN);
    }
}
