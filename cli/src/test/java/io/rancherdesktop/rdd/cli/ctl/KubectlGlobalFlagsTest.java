package io.rancherdesktop.rdd.cli.ctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.rancherdesktop.rdd.cli.CliException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;

/** Issue 14 item 8: kubectl's flags before the verb ({@code rdd ctl -n NS get …}), found and refused as kubectl does. */
class KubectlGlobalFlagsTest {
    private static final Path CONFIG = Path.of("/tmp/rdd-test-instance/config.yaml");

    private static KubectlGlobalFlags.Parsed parse(String line) {
        return KubectlGlobalFlags.parse(List.of(line.split(" ")), CtlCommand.VERBS, CONFIG);
    }

    private static String refusal(String line) {
        return assertThrows(CliException.class, () -> parse(line)).getMessage();
    }

    @Test
    void wordsWhoseSecondLetterIsNOrVAreNotFlags() {
        // "only-in-one" once read as -n with the value "ly-in-one": rdd ctl get configmap only-in-one listed a namespace.
        assertEquals(List.of("get", "configmap", "only-in-one", "--namespace=default"), parse("get configmap only-in-one -n default").args());
        assertEquals(List.of("get", "events", "svc"), parse("get events svc").args());
    }

    @Test
    void namespaceBeforeTheVerbMovesAfterIt() {
        assertEquals(List.of("get", "--namespace=kube-system", "pods"), parse("-n kube-system get pods").args());
        assertEquals(List.of("get", "--namespace=x", "pods"), parse("--namespace=x get pods").args());
        assertEquals(List.of("get", "--namespace=x", "pods"), parse("--namespace x get pods").args());
        assertEquals(List.of("get", "--namespace=x", "pods"), parse("-nx get pods").args());
        assertEquals(List.of("get", "--namespace=x", "pods"), parse("-n=x get pods").args());
    }

    @Test
    void valueFlagsOfTheVerbMayComeFirstLikeInKubectl() {
        assertEquals(List.of("get", "-o", "name", "ns"), parse("-o name get ns").args());
        assertEquals(List.of("get", "-l", "a=b", "cm"), parse("-l a=b get cm").args());
        assertEquals(List.of("get", "-A=true", "cm"), parse("-A=true get cm").args());
    }

    @Test
    void aBooleanOfTheVerbBeforeItSwallowsTheVerbAndIsRefusedAsKubectlDoes() {
        assertEquals("Error: flags cannot be placed before plugin name: -A", refusal("-A get pods"));
        assertEquals("Error: flags cannot be placed before plugin name: --all-namespaces", refusal("--all-namespaces get pods"));
        assertEquals("Error: flags cannot be placed before plugin name: -w", refusal("-w get pods"));
        assertEquals("Error: flags cannot be placed before plugin name: -n", refusal("-n x -A get pods"));
    }

    @Test
    void kubectlsRootBooleansDoNotTakeTheVerbSoTheVerbReportsThemAsUnknown() {
        assertEquals(List.of("get", "--warnings-as-errors", "ns"), parse("--warnings-as-errors get ns").args());
    }

    @Test
    void requestTimeoutIsSecondsOrAGoDurationAndGoesToTheSession() {
        assertEquals(Duration.ofSeconds(5), parse("--request-timeout=5 get ns").flags().requestTimeout());
        assertEquals(Duration.ofMillis(1500), parse("--request-timeout 1.5s get ns").flags().requestTimeout());
        assertEquals(Duration.ofMinutes(2), parse("get ns --request-timeout=2m").flags().requestTimeout());
        assertEquals(List.of("get", "ns"), parse("--request-timeout=2m get ns").args());
        assertEquals("error: Invalid timeout value. Timeout must be a single integer in seconds, or an integer followed by a corresponding time"
                + " unit (e.g. 1s | 2m | 3h)", refusal("--request-timeout=abc get ns"));
    }

    @Test
    void verbosityIsAnIntegerInEveryKubectlSpelling() {
        for (String v : List.of("-v=6 get ns", "-v 6 get ns", "-v6 get ns", "--v=6 get ns", "--v 6 get ns", "get ns -v 6")) {
            assertEquals(6, parse(v).flags().verbosity(), v);
            assertEquals(List.of("get", "ns"), parse(v).args(), v);
        }
        assertEquals("Error: invalid argument \"x\" for \"-v, --v\" flag: strconv.ParseInt: parsing \"x\": invalid syntax", refusal("-v x get ns"));
    }

    @Test
    void contextClusterAndUserMayNameTheInstancesOnlyOnes() {
        assertEquals(List.of("get", "ns"), parse("--context root --cluster=root --user root get ns").args());
        assertEquals("Error in configuration: context was not found for specified context: other", refusal("--context other get ns"));
        assertEquals("error: no server found for cluster \"other\"", refusal("--cluster=other get ns"));
        assertEquals("error: auth info \"other\" does not exist", refusal("--user other get ns"));
    }

    @Test
    void kubeconfigMayNameTheInstancesOnly() {
        assertEquals(List.of("get", "ns"), parse("--kubeconfig " + CONFIG + " get ns").args());
        String msg = refusal("--kubeconfig /etc/other.yaml get ns");
        assertEquals(true, msg.contains("use kubectl --kubeconfig /etc/other.yaml"), msg);
    }

    @Test
    void namespaceIsAcceptedAndDroppedForVerbsWithoutNamespaces() {
        assertEquals(List.of("api-resources", "--no-headers"), parse("-n x api-resources --no-headers").args());
        assertEquals(List.of("config", "view"), parse("--namespace=x config view").args());
    }

    @Test
    void aMissingValueSaysWhichFlagAsKubectlDoes() {
        assertEquals("Error: flag needs an argument: 'n' in -n\nSee 'rdd ctl get --help' for usage.", refusal("get ns -n"));
        assertEquals("Error: flag needs an argument: --request-timeout\nSee 'rdd ctl get --help' for usage.", refusal("get ns --request-timeout"));
    }

    @Test
    void everythingAfterDoubleDashStaysAsItIs() {
        assertEquals(List.of("get", "--namespace=x", "--", "-n", "y"), parse("-n x get -- -n y").args());
    }

    @Test
    void withoutAVerbOrWithAnUnknownWordPicocliAnswers() {
        assertEquals(List.of("-n", "x"), parse("-n x").args());
        assertEquals(List.of("frob", "-n", "x"), parse("frob -n x").args());
    }

    @Test
    void theVerbListMatchesTheSubcommands() {
        Set<String> names = new TreeSet<>();
        for (Class<?> c : CtlCommand.class.getAnnotation(Command.class).subcommands()) {
            names.add(c.getAnnotation(Command.class).name());
        }
        assertEquals(names, new TreeSet<>(CtlCommand.VERBS));
    }
}
