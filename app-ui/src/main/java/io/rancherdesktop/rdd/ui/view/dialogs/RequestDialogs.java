package io.rancherdesktop.rdd.ui.view.dialogs;

import io.rancherdesktop.rdd.api.containers.v1alpha1.Image;
import io.rancherdesktop.rdd.ui.command.RequestCommands;
import io.rancherdesktop.rdd.ui.command.RequestCommands.PruneTarget;
import io.rancherdesktop.rdd.ui.view.MirrorTable;

import java.util.List;
import java.util.concurrent.Executor;

/** Puts the request dialogs on the tabs they belong to: Prune… on each, New volume… on Volumes. */
public final class RequestDialogs {
    private RequestDialogs() {
    }

    public static void attach(MirrorTable<?> containers, MirrorTable<Image> images, MirrorTable<?> volumes,
                              RequestCommands requests, Executor fx) {
        containers.addTool("Ru_n…", "run", () -> RunContainerDialog.open(containers.node(), requests, fx,
                images.table().getItems().stream().map(r -> r.object().getStatus() == null ? null : r.object().getStatus().getRepoTag())
                        .filter(java.util.Objects::nonNull).sorted().distinct().toList()));
        containers.addTool("Prune…", "prune", () -> PruneDialog.open(containers.node(), requests, fx,
                List.of(PruneTarget.STOPPED_CONTAINERS)));
        images.addTool("P_ull…", "pull", () -> ImageTransferDialog.open(images.node(), requests, fx,
                RequestCommands.Transfer.PULL, ""));
        images.addTool("Prune…", "prune", () -> PruneDialog.open(images.node(), requests, fx,
                List.of(PruneTarget.DANGLING_IMAGES, PruneTarget.UNUSED_IMAGES)));
        images.addAction("Pus_h…", "push", v -> v.object().getStatus() != null && v.object().getStatus().getRepoTag() != null,
                rows -> ImageTransferDialog.open(images.node(), requests, fx, RequestCommands.Transfer.PUSH,
                        rows.getFirst().object().getStatus().getRepoTag()));
        volumes.addTool("_New volume…", "new", () -> NewVolumeDialog.open(volumes.node(), requests, fx));
        volumes.addTool("Prune…", "prune", () -> PruneDialog.open(volumes.node(), requests, fx,
                List.of(PruneTarget.UNUSED_VOLUMES)));
    }
}
