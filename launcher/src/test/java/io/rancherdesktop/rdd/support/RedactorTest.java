package io.rancherdesktop.rdd.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.rancherdesktop.rdd.wire.Json;
import io.rancherdesktop.rdd.service.Kubeconfig;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RedactorTest {
    private static final String TOKEN = "s3cr3t-t0ken-0123456789abcdef";
    private static final String KEY_BODY = "MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgZmFrZWtleW1hdGVyaWFs";
    private static final String PEM_KEY = "-----BEGIN PRIVATE KEY-----\n" + KEY_BODY + "\nAbCdEfGhIjKlMnOpQrStUvWxYz012345\n-----END PRIVATE KEY-----\n";
    private final Redactor redactor = new Redactor(Set.of(TOKEN));

    @Test
    void theKubeconfigKeepsItsCaAndServerButLosesItsToken() {
        String caPem = "-----BEGIN CERTIFICATE-----\nMIIBcertificate\n-----END CERTIFICATE-----\n";
        String cfg = Kubeconfig.render("https://127.0.0.1:6445", caPem, TOKEN);
        Redactor.Result r = new Redactor(Set.of()).redact(cfg); // by key name alone, without knowing the token
        assertFalse(r.text().contains(TOKEN), r.text());
        assertTrue(r.text().contains("    token: REDACTED"), r.text());
        assertTrue(r.text().contains("certificate-authority-data: "), r.text());
        assertTrue(r.text().contains("server: https://127.0.0.1:6445"), r.text());
        assertEquals(1, r.redactions());
    }

    @Test
    void kubeconfigClientKeysAndPasswordsAreRemovedButClientCertificatesStay() {
        String cfg = """
                users:
                - name: u
                  user:
                    client-certificate-data: Q0VSVERBVEE=
                    client-key-data: S0VZREFUQVNFQ1JFVA==
                    password: hunter2hunter2
                    auth-provider:
                      config:
                        id-token: eyJhbGciOiJSUzI1NiJ9.payload.sig
                        refresh-token: rt-0123456789
                """;
        String out = redactor.apply(cfg);
        for (String secret : new String[]{"S0VZREFUQVNFQ1JFVA==", "hunter2hunter2", "eyJhbGciOiJSUzI1NiJ9.payload.sig", "rt-0123456789"}) {
            assertFalse(out.contains(secret), secret + " leaked: " + out);
        }
        assertTrue(out.contains("client-certificate-data: Q0VSVERBVEE="), out);
    }

    @Test
    void pemPrivateKeysAreRemovedWholeWhateverTheirType() {
        String text = "before\n" + PEM_KEY + "-----BEGIN EC PRIVATE KEY-----\nECKEYBODYECKEYBODY\n-----END EC PRIVATE KEY-----\nafter\n";
        String out = redactor.apply(text);
        assertFalse(out.contains(KEY_BODY), out);
        assertFalse(out.contains("ECKEYBODYECKEYBODY"), out);
        assertTrue(out.startsWith("before\n") && out.endsWith("after\n"), out);
    }

    @Test
    void aTruncatedPemKeyIsRemovedToTheEnd() {
        String out = redactor.apply("log line\n-----BEGIN RSA PRIVATE KEY-----\n" + KEY_BODY + "\n");
        assertFalse(out.contains(KEY_BODY), out);
    }

    @Test
    void theKnownTokenIsRemovedWhereverItAppears() {
        String log = "time=\"x\" level=debug msg=\"connecting with " + TOKEN + " to the API\"\nurl=https://x/?t=" + TOKEN;
        Redactor.Result r = redactor.redact(log);
        assertFalse(r.text().contains(TOKEN), r.text());
        assertEquals(2, r.redactions());
    }

    @Test
    void bearerCredentialsAreRemoved() {
        String out = redactor.apply("Authorization: Bearer abc.def-ghi_jkl\nauthorization=Basic Zm9vOmJhcg==");
        assertFalse(out.contains("abc.def-ghi_jkl"), out);
        assertFalse(out.contains("Zm9vOmJhcg=="), out);
    }

    @Test
    void secretNamedAssignmentsAndFlagsAreRemoved() {
        String out = redactor.apply("DOCKER_PASSWORD=pa55word-xyz RDD_API_TOKEN=\"quoted value\" GITHUB_SECRET='single'\n"
                + "dockerd --tls-key-passphrase hush-hush-hush --debug\nPATH=/usr/bin");
        for (String secret : new String[]{"pa55word-xyz", "quoted value", "single", "hush-hush-hush"}) {
            assertFalse(out.contains(secret), secret + " leaked: " + out);
        }
        assertTrue(out.contains("PATH=/usr/bin"), out);
        assertTrue(out.contains("--debug"), out);
    }

    @Test
    void yamlBlockScalarsUnderSecretKeysAreRemovedWhole() {
        String out = redactor.apply("spec:\n  privateKey: |\n    line-one-secret\n    line-two-secret\n  name: kept\n");
        assertFalse(out.contains("line-one-secret") || out.contains("line-two-secret"), out);
        assertTrue(out.contains("name: kept"), out);
    }

    @Test
    void jsonTreesStayValidJsonWithSecretValuesReplaced() {
        String json = "{\"metadata\":{\"name\":\"app\",\"annotations\":{\"example.io/token\":\"abcdefgh1234\",\"note\":\"Bearer zzzzzzzz\"}},"
                + "\"spec\":{\"env\":[\"FOO=1\",\"DB_PASSWORD=p4ss-w0rd\"],\"apiKey\":\"k-123456789\",\"size\":3,\"tokenless\":true}}";
        int[] count = {0};
        Object tree = redactor.redactTree(Json.parse(json), count);
        String out = Json.write(tree);
        Json.parse(out); // still JSON
        for (String secret : new String[]{"abcdefgh1234", "zzzzzzzz", "p4ss-w0rd", "k-123456789"}) {
            assertFalse(out.contains(secret), secret + " leaked: " + out);
        }
        assertTrue(out.contains("\"FOO=1\"") && out.contains("\"size\":3") && out.contains("\"tokenless\":true"), out);
        assertEquals(4, count[0]);
    }

    /** A container's env list is masked by the GUI's rule (wire.SecretEnv), which also covers KEY and AUTH names. */
    @Test
    void aContainersEnvListIsMaskedWithTheGuisSecretEnvRule() {
        String json = "{\"kind\":\"Container\",\"status\":{\"env\":[\"PATH=/usr/bin\",\"SIGNING_KEY=k3y-v4lue\",\"BASIC_AUTH=al1ce:pw\",\"EMPTY_TOKEN=\"]}}";
        int[] count = {0};
        String out = Json.write(redactor.redactTree(Json.parse(json), count));
        assertFalse(out.contains("k3y-v4lue") || out.contains("al1ce:pw"), out);
        assertTrue(out.contains("\"SIGNING_KEY=REDACTED\"") && out.contains("\"BASIC_AUTH=REDACTED\"") && out.contains("\"PATH=/usr/bin\""), out);
        assertTrue(out.contains("\"EMPTY_TOKEN=\""), "an empty value has nothing to hide: " + out);
        assertEquals(2, count[0]);
    }

    /** Issue 14 item 14: a Secret's data is secret whatever its keys are called, alone or in a SecretList. */
    @Test
    void secretDataAndStringDataAreRedactedWhateverTheKeys() {
        String one = "{\"apiVersion\":\"v1\",\"kind\":\"Secret\",\"metadata\":{\"name\":\"s\"},\"type\":\"Opaque\","
                + "\"data\":{\"user\":\"YWxpY2U=\",\"config\":\"aHVudGVyMg==\"},\"stringData\":{\"plain\":\"hunter22\"}}";
        String list = "{\"apiVersion\":\"v1\",\"kind\":\"SecretList\",\"items\":[{\"metadata\":{\"name\":\"s\"},\"data\":{\"user\":\"YWxpY2U=\"}}]}";
        int[] count = {0};
        String out = Json.write(redactor.redactTree(Json.parse(one), count));
        assertFalse(out.contains("YWxpY2U=") || out.contains("aHVudGVyMg==") || out.contains("hunter22"), out);
        assertTrue(out.contains("\"user\":\"REDACTED\"") && out.contains("\"name\":\"s\"") && out.contains("\"type\":\"Opaque\""), out);
        assertEquals(3, count[0]);
        String outList = Json.write(redactor.redactTree(Json.parse(list), new int[1]));
        assertFalse(outList.contains("YWxpY2U="), outList);
        String configMap = "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"data\":{\"user\":\"alice\"}}";
        assertTrue(Json.write(redactor.redactTree(Json.parse(configMap), new int[1])).contains("alice"), "a ConfigMap's data is not secret");
    }

    @Test
    void ordinaryTextIsLeftAlone() {
        String text = "time=\"2026-11-28T10:00:00Z\" level=info msg=\"\\\"rancher-desktop-2\\\" control plane is ready\"\nresourceVersion: \"42\"\n";
        Redactor.Result r = redactor.redact(text);
        assertEquals(text, r.text());
        assertEquals(0, r.redactions());
    }

    @Test
    void shortKnownSecretsAreIgnoredSoCommonWordsSurvive() {
        assertEquals("the rdd service", new Redactor(Set.of("rdd")).apply("the rdd service"));
    }
}
