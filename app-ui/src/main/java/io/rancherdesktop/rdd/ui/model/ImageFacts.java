package io.rancherdesktop.rdd.ui.model;

import io.rancherdesktop.rdd.api.containers.v1alpha1.Image;
import io.rancherdesktop.rdd.api.containers.v1alpha1.ImageStatus;

/** What the images table and details pane say about one Image mirror. */
public final class ImageFacts {

    private ImageFacts() {
    }

    private static ImageStatus status(Image i) {
        return i.getStatus() == null ? new ImageStatus() : i.getStatus();
    }

    /** The tag, or {@code <none>} for a dangling image. */
    public static String tag(Image i) {
        String t = status(i).getRepoTag();
        return t == null || t.isEmpty() ? "<none>" : t;
    }

    public static String shortId(Image i) {
        return MirrorFacts.shortId(status(i).getId());
    }

    public static String size(Image i) {
        return MirrorFacts.size(status(i).getSize());
    }

    public static long sizeBytes(Image i) {
        Long s = status(i).getSize();
        return s == null ? 0 : s;
    }

    public static String created(Image i) {
        return MirrorFacts.localTime(status(i).getCreatedAt());
    }

    public static String state(Image i) {
        return MirrorFacts.isTerminating(i) ? "Terminating" : "";
    }

    public static String platform(Image i) {
        ImageStatus s = status(i);
        if (s.getOs() == null && s.getArchitecture() == null) {
            return "";
        }
        return (s.getOs() == null ? "?" : s.getOs()) + "/" + (s.getArchitecture() == null ? "?" : s.getArchitecture());
    }

    /** The Docker names of the containers that use the image ({@code status.usedBy}), sorted. */
    public static java.util.List<String> usedBy(Image i) {
        return status(i).getUsedBy() == null ? java.util.List.of() : status(i).getUsedBy();
    }

    public static String searchText(Image i) {
        return String.join(" ", tag(i), i.getMetadata().getName(), String.valueOf(status(i).getId()), state(i),
                String.join(" ", usedBy(i)));
    }
}
