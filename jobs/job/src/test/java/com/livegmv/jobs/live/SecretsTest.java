package com.livegmv.jobs.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.livegmv.campaign.CampaignLoader;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What of the settings may be shown: never a password, never a Kafka client property's value. */
class SecretsTest {
    private static final String JAAS =
            "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"gmv\""
                    + " password=\"hunter2\";";

    private static LiveSettings.Builder settings() {
        return LiveSettings.builder(CampaignLoader.load(Path.of("../../config/campaigns.yaml")));
    }

    @Test
    void shouldShowTheSettingsWithoutThePasswordOrAnyClientPropertyValue() {
        LiveSettings.Builder b =
                settings()
                        .jdbc("jdbc:postgresql://db:5432/gmv?password=pgsecret", "gmv", "hunter3");
        b.kafkaProperties = Map.of("security.protocol", "SASL_SSL_X", "sasl.jaas.config", JAAS);
        LiveSettings s = b.build();

        assertThat(s.toString())
                .contains("jdbcUrl=jdbc:postgresql://db:5432/gmv,")
                .contains("jdbcUser=gmv")
                .contains("jdbcPassword=***")
                .contains("kafkaProperties=[")
                .contains("sasl.jaas.config")
                .contains("security.protocol")
                .doesNotContain("pgsecret")
                .doesNotContain("hunter")
                .doesNotContain("SASL_SSL_X")
                .doesNotContain("PlainLoginModule");
    }

    @Test
    void shouldRefuseAClientPropertyThatTheJobSetsItself() {
        LiveSettings.Builder b = settings();
        b.kafkaProperties = Map.of("group.id", "g");
        assertThatThrownBy(b::build)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(
                        "gmv.kafka.properties.group.id is set by --group-id (gmv.kafka.group-id)");
        assertThat(KafkaProperties.refusal("isolation.level")).contains("read_committed");
        assertThat(KafkaProperties.refusal("security.protocol")).isNull();
    }

    @Test
    void shouldKnowSecretsByKafkasPasswordTypeAndByName() {
        // Kafka's clients type these as passwords.
        assertThat(Secrets.isSecret("sasl.jaas.config")).isTrue();
        assertThat(Secrets.isSecret("ssl.keystore.key")).isTrue();
        assertThat(Secrets.isSecret("ssl.truststore.password")).isTrue();
        // Flink's rule for names.
        assertThat(Secrets.isSecret("basic.auth.user.password")).isTrue();
        assertThat(Secrets.isSecret("security.protocol")).isFalse();
        assertThat(Secrets.isSecret("ssl.truststore.location")).isFalse();
    }

    @Test
    void shouldScrubSecretValuesAndPasswordsFromAMessage() {
        Map<String, String> props =
                Map.of("sasl.jaas.config", JAAS, "ssl.keystore.password", "k3y");
        assertThat(
                        Secrets.scrub(
                                "Invalid value " + JAAS + " for sasl.jaas.config; store k3y",
                                props))
                .isEqualTo("Invalid value *** for sasl.jaas.config; store ***");
        assertThat(Secrets.scrub("login: password=\"s3\" user=u; url?password=s4&x=1", Map.of()))
                .isEqualTo("login: password=*** user=u; url?password=***&x=1");
        assertThat(Secrets.jdbcUrl("jdbc:postgresql://h/db?password=x"))
                .isEqualTo("jdbc:postgresql://h/db");
    }

    @Test
    void shouldNameTheUnsetVariablesThatEnvReferencesNeed() {
        Map<String, String> props =
                Map.of(
                        "config.providers", "env",
                        "config.providers.env.class",
                                "org.apache.kafka.common.config.provider.EnvVarConfigProvider",
                        "sasl.jaas.config",
                                "x required username=\"${env:GMV_TEST_UNSET_USER}\""
                                        + " password=\"${env:PATH}\";");
        assertThat(KafkaProperties.unsetVariables(props)).containsExactly("GMV_TEST_UNSET_USER");
        // Another provider's reference is not an environment variable.
        assertThat(
                        KafkaProperties.unsetVariables(
                                Map.of("sasl.jaas.config", "password=\"${file:/x:GMV_NONE}\";")))
                .isEmpty();
    }
}
