package io.rancherdesktop.rdd.service.exec;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Kubernetes' streaming protocol over WebSocket (the {@code channel.k8s.io} family, as kube-apiserver and kubelet
 * speak it for {@code pods/exec}): binary messages whose first byte is the channel.
 */
enum StreamProtocol {
    /** v5: v4 plus the close signal (channel 255, one byte naming the channel to half-close: stdin). */
    V5("v5.channel.k8s.io"),
    /** v4: stdin, stdout, stderr, the error channel carrying a {@code Status}, resize. */
    V4("v4.channel.k8s.io");

    static final int STDIN = 0;
    static final int STDOUT = 1;
    static final int STDERR = 2;
    static final int ERROR = 3;
    static final int RESIZE = 4;
    static final int CLOSE = 255;

    final String subprotocol;

    StreamProtocol(String subprotocol) {
        this.subprotocol = subprotocol;
    }

    /** The protocol to answer with: v5 when offered, else v4; null when neither is offered. */
    static StreamProtocol choose(List<String> offered) {
        for (StreamProtocol p : values()) {
            if (offered.contains(p.subprotocol)) {
                return p;
            }
        }
        return null;
    }

    /** The error channel's message when the command ended with {@code exitCode}, as kubelet writes it. */
    static byte[] exitStatus(int exitCode, List<String> command) {
        ObjectNode s = JsonNodeFactory.instance.objectNode();
        s.put("kind", "Status");
        s.put("apiVersion", "v1");
        s.putObject("metadata");
        if (exitCode == 0) {
            s.put("status", "Success");
        } else {
            s.put("status", "Failure");
            s.put("message", "command terminated with non-zero exit code: error executing command " + command + ", exit code " + exitCode);
            s.put("reason", "NonZeroExitCode");
            ObjectNode cause = s.putObject("details").putArray("causes").addObject();
            cause.put("reason", "ExitCode");
            cause.put("message", Integer.toString(exitCode));
        }
        return s.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The error channel's message when the exec failed for another reason. */
    static byte[] failure(String message) {
        ObjectNode s = JsonNodeFactory.instance.objectNode();
        s.put("kind", "Status");
        s.put("apiVersion", "v1");
        s.putObject("metadata");
        s.put("status", "Failure");
        s.put("message", message);
        s.put("reason", "InternalError");
        s.put("code", 500);
        return s.toString().getBytes(StandardCharsets.UTF_8);
    }
}
