package io.rancherdesktop.rdd.ui.testing;

import javafx.scene.Node;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableCell;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Waiting on what the window shows, with a deadline (never a bare sleep), and reading it on the FX thread. */
public final class FxWait {

    private FxWait() {
    }

    public static void until(String what, Duration timeout, Callable<Boolean> condition) throws TimeoutException {
        try {
            WaitForAsyncUtils.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS, () -> onFx(condition));
        } catch (TimeoutException e) {
            throw new TimeoutException("timed out after " + timeout.toSeconds() + " s waiting until " + what);
        }
    }

    public static void until(String what, Callable<Boolean> condition) throws TimeoutException {
        until(what, Duration.ofSeconds(20), condition);
    }

    public static <R> R onFx(Callable<R> body) throws Exception {
        return WaitForAsyncUtils.asyncFx(body).get(20, TimeUnit.SECONDS);
    }

    /** The cell of {@code column} in the drawn row whose name cell reads {@code rowName}, if drawn. */
    public static Optional<TableCell<?, ?>> cell(FxRobot robot, String table, String rowNameColumn, String rowName, String column) {
        for (Node n : robot.lookup("#" + table + "-table .table-row-cell").queryAll()) {
            javafx.scene.control.TableRow<?> row = (javafx.scene.control.TableRow<?>) n;
            if (row.getItem() == null) {
                continue;
            }
            Optional<Node> name = row.lookupAll("#" + table + "-col-" + rowNameColumn).stream().findFirst();
            if (name.isPresent() && rowName.equals(((Labeled) name.get()).getText())) {
                return row.lookupAll("#" + table + "-col-" + column).stream().findFirst().map(c -> (TableCell<?, ?>) c);
            }
        }
        return Optional.empty();
    }

    /** The text of that cell, or null when the row is not drawn. */
    public static String cellText(FxRobot robot, String table, String rowNameColumn, String rowName, String column) {
        return cell(robot, table, rowNameColumn, rowName, column).map(Labeled::getText).orElse(null);
    }
}
