package io.rancherdesktop.rdd.ui.view.dialogs;

import io.rancherdesktop.rdd.ui.command.RequestCommands;
import io.rancherdesktop.rdd.ui.command.RequestCommands.PruneTarget;
import io.rancherdesktop.rdd.ui.view.MirrorTable;

import java.util.List;
import java.util.concurrent.Executor;

/** Puts the request dialogs on the tabs they belong to: Prune… on each, New volume… on Volumes. */
public final class RequestDialogs {
    private RequestDialogs() {
    }

    public static void attach(MirrorTable<?> containers, MirrorTable<?> images, MirrorTable<?> volumes,
                              RequestCommands requests, Executor fx) {
        containers.addTool("Prune…", "prune", () -> PruneDialog.open(containers.node(), requests, fx,
                List.of(PruneTarget.STOPPED_CONTAINERS)));
        images.addTool("Prune…", "prune", () -> PruneDialog.open(images.node(), requests, fx,
                List.of(PruneTarget.DANGLING_IMAGES, PruneTarget.UNUSED_IMAGES)));
        volumes.addTool("_New volume…", "new", () -> NewVolumeDialog.open(volumes.node(), requests, fx));
        volumes.addTool("Prune…", "prune", () -> PruneDialog.open(volumes.node(), requests, fx,
                List.of(PruneTarget.UNUSED_VOLUMES)));
    }
}
