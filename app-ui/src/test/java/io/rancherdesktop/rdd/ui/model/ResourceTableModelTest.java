package io.rancherdesktop.rdd.ui.model;

import io.rancherdesktop.rdd.api.containers.v1alpha1.Container;
import io.rancherdesktop.rdd.api.containers.v1alpha1.RunStatus;
import io.rancherdesktop.rdd.ui.fx.UpdateCoalescer.Batch;
import javafx.collections.ListChangeListener;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.rancherdesktop.rdd.ui.fake.Objects.changed;
import static io.rancherdesktop.rdd.ui.fake.Objects.container;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ResourceTableModelTest {
    private final ResourceTableModel<Container> model = new ResourceTableModel<>();

    private static Batch<Container> up(Container... cs) {
        return new Batch<>(List.of(cs), List.of());
    }

    @Test
    void newObjectsOfOneBatchArriveInOneListChange() {
        List<String> changes = new ArrayList<>();
        model.items().addListener((ListChangeListener<ResourceRow<Container>>) c -> changes.add(c.toString()));
        model.apply(up(container("a", RunStatus.RUNNING), container("b", RunStatus.EXITED), container("c", RunStatus.CREATED)));
        assertEquals(3, model.size());
        assertEquals(1, changes.size());
    }

    @Test
    void aChangedObjectUpdatesItsRowInPlace() {
        Container a = container("a", RunStatus.RUNNING);
        model.apply(up(a));
        ResourceRow<Container> row = model.items().getFirst();
        List<Boolean> updates = new ArrayList<>();
        model.items().addListener((ListChangeListener<ResourceRow<Container>>) c -> {
            while (c.next()) {
                updates.add(c.wasUpdated());
            }
        });
        model.apply(up(changed(a, x -> x.getStatus().setStatus(RunStatus.EXITED))));
        assertSame(row, model.items().getFirst(), "the row object stays, so selection stays");
        assertEquals(RunStatus.EXITED, row.object().getStatus().getStatus());
        assertEquals(List.of(true), updates);
    }

    @Test
    void theSameResourceVersionAgainChangesNothing() {
        Container a = container("a", RunStatus.RUNNING);
        model.apply(up(a));
        List<String> changes = new ArrayList<>();
        model.items().addListener((ListChangeListener<ResourceRow<Container>>) c -> changes.add(c.toString()));
        model.apply(up(a));
        assertTrue(changes.isEmpty());
    }

    @Test
    void aDeletedObjectDropsItsRow() {
        Container a = container("a", RunStatus.RUNNING);
        Container b = container("b", RunStatus.RUNNING);
        model.apply(up(a, b));
        model.apply(new Batch<>(List.of(), List.of(a)));
        assertEquals(1, model.size());
        assertEquals("b", model.items().getFirst().object().getStatus().getName());
        assertTrue(model.row(ResourceKeys.of(a)).isEmpty());
    }

    @Test
    void rowViewChangesWhenTheWarningOrPendingTextChanges() {
        Container a = container("a", RunStatus.RUNNING);
        model.apply(up(a));
        ResourceRow<Container> row = model.items().getFirst();
        RowView<Container> before = row.view().get();
        model.setPending(row.key(), "stopping");
        assertEquals("stopping", row.view().get().pending());
        model.setWarning(row.key(), "EngineDeleteFailed: busy");
        assertEquals("EngineDeleteFailed: busy", row.view().get().warning());
        assertEquals("", before.pending());
    }
}
