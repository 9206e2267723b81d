package io.rancherdesktop.rdd.wire;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SecretEnvTest {

    @Test
    void namesContainingASecretWordInAnyCaseAreSecret() {
        for (String name : new String[] {"DB_PASSWORD", "mysql_passwd", "Client_Secret", "GITHUB_TOKEN", "API_KEY",
                "AWS_CREDENTIALS", "credential", "BASIC_AUTH", "authorization"}) {
            assertTrue(SecretEnv.isSecretName(name), name);
        }
        for (String name : new String[] {"PATH", "HOME", "LANG", "DB_USER", "PORT", ""}) {
            assertFalse(SecretEnv.isSecretName(name), name);
        }
        assertFalse(SecretEnv.isSecretName(null));
    }

    @Test
    void maskingReplacesOnlyTheValueOfASecretEntry() {
        assertEquals("DB_PASSWORD=" + SecretEnv.MASK, SecretEnv.mask("DB_PASSWORD=hunter2"));
        assertEquals("TOKEN=a=b".replace("a=b", SecretEnv.MASK), SecretEnv.mask("TOKEN=a=b"), "the value may hold '='");
        assertEquals("PATH=/usr/bin", SecretEnv.mask("PATH=/usr/bin"));
        assertEquals("API_KEY=", SecretEnv.mask("API_KEY="), "an empty value has nothing to hide");
        assertEquals("SECRET", SecretEnv.mask("SECRET"), "no value");
        assertEquals("K=REDACTED".replace("K", "MY_KEY"), SecretEnv.mask("MY_KEY=v", "REDACTED"));
        assertEquals("MY_KEY", SecretEnv.name("MY_KEY=v=w"));
        assertEquals("v=w", SecretEnv.value("MY_KEY=v=w"));
    }
}
