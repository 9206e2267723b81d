package io.rancherdesktop.rdd.ui.view;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.rancherdesktop.rdd.api.MirrorKind;
import io.rancherdesktop.rdd.ui.model.ResourceRow;
import io.rancherdesktop.rdd.ui.model.ResourceTableModel;
import io.rancherdesktop.rdd.ui.model.RowView;
import javafx.beans.value.ChangeListener;
import javafx.collections.ListChangeListener;
import javafx.collections.transformation.FilteredList;
import javafx.collections.transformation.SortedList;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import org.controlsfx.control.textfield.TextFields;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One tab's content: a filter box and bulk-action buttons, a virtualised multi-select table of one mirror kind
 * fed by its {@link ResourceTableModel}, and a details pane for the selected row. Column cells observe their
 * row, so an informer update redraws only what is on screen.
 */
public final class MirrorTable<T extends HasMetadata> {
    private final MirrorKind kind;
    private final ResourceTableModel<T> model;
    private final TableView<ResourceRow<T>> table = new TableView<>();
    private final TextField filter = TextFields.createClearableTextField();
    private final FilteredList<ResourceRow<T>> filtered;
    private final Label count = new Label();
    private final ToolBar toolbar = new ToolBar();
    private final HBox actions = new HBox();
    private final DetailsPane details;
    private final Function<RowView<T>, List<DetailSection>> detailsOf;
    private final List<Runnable> actionRefreshers = new ArrayList<>();
    private final BorderPane root = new BorderPane();
    private final Label placeholder = new Label();
    private final Button startMachine = new Button("Start machine");
    private final javafx.scene.layout.VBox placeholderBox = new javafx.scene.layout.VBox(placeholder, startMachine);
    private final javafx.beans.property.BooleanProperty live = new javafx.beans.property.SimpleBooleanProperty(this, "live", true);
    private final javafx.beans.property.BooleanProperty machineStopped = new javafx.beans.property.SimpleBooleanProperty(this, "machineStopped", false);
    private String emptyText = "";
    private static final javafx.css.PseudoClass STALE = javafx.css.PseudoClass.getPseudoClass("stale");
    private SplitPane split;
    private TabPane detailTabs;

    public MirrorTable(MirrorKind kind, ResourceTableModel<T> model, Function<T, String> searchText,
                       Function<RowView<T>, List<DetailSection>> detailsOf) {
        this.kind = kind;
        this.model = model;
        this.detailsOf = detailsOf;
        this.details = new DetailsPane(kind.plural() + "-details");
        String id = kind.plural();

        filtered = new FilteredList<>(model.items(), r -> true);
        SortedList<ResourceRow<T>> sorted = new SortedList<>(filtered);
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        table.setId(id + "-table");
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        table.setTableMenuButtonVisible(true);
        // Unconstrained: an empty last column (Message) must not take all spare width from Name.
        table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        table.setAccessibleText(kind.plural() + " table");
        placeholder.getStyleClass().add("table-placeholder");
        placeholder.setId(kind.plural() + "-placeholder");
        placeholderBox.setAlignment(javafx.geometry.Pos.CENTER);
        placeholderBox.getStyleClass().add("placeholder-box");
        startMachine.setId(kind.plural() + "-start-machine");
        startMachine.visibleProperty().bind(machineStopped);
        startMachine.managedProperty().bind(machineStopped);
        table.setPlaceholder(placeholderBox);
        live.addListener((obs, was, now) -> {
            root.pseudoClassStateChanged(STALE, !now);
            table.setAccessibleHelp(now ? null : "not live: the shown state may be out of date");
            refreshActions();
            table.refresh();
        });
        machineStopped.addListener((obs, was, now) -> updatePlaceholder());

        filter.setId(id + "-filter");
        filter.setPromptText("Filter " + kind.plural() + " (Ctrl+F)");
        filter.setAccessibleText("Filter " + kind.plural());
        filter.setPrefColumnCount(24);
        filter.textProperty().addListener((obs, old, text) -> {
            List<String> words = words(text);
            filtered.setPredicate(words.isEmpty() ? r -> true : r -> matches(searchText.apply(r.object()), words));
            updateCount();
            updatePlaceholder();
        });
        filter.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ESCAPE && !filter.getText().isEmpty()) {
                filter.clear();
                e.consume();
            }
        });
        count.setId(id + "-count");
        count.getStyleClass().add("count");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        actions.getStyleClass().add("actions");
        toolbar.getItems().addAll(filter, actions, spacer, count);

        ListChangeListener<ResourceRow<T>> onRows = c -> {
            updateCount();
            updatePlaceholder();
            refreshActions();
        };
        model.items().addListener(onRows);
        filtered.addListener((ListChangeListener<ResourceRow<T>>) c -> updateCount());
        table.getSelectionModel().getSelectedItems().addListener(onRows);
        ChangeListener<Object> onFocus = (obs, old, now) -> showDetails(true);
        table.getSelectionModel().selectedItemProperty().addListener(onFocus);
        model.items().addListener((ListChangeListener<ResourceRow<T>>) c -> {
            // a change of the shown row (status, warning) redraws the details
            ResourceRow<T> shown = table.getSelectionModel().getSelectedItem();
            while (c.next()) {
                if (c.wasUpdated() && shown != null && c.getList().subList(c.getFrom(), c.getTo()).contains(shown)) {
                    showDetails();
                    return;
                }
            }
        });

        split = new SplitPane(table, details.node());
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.62);
        root.setTop(toolbar);
        root.setCenter(split);
        root.getStyleClass().add("mirror-table");
        updateCount();
    }

    /** Adds a text column; sorting compares the text unless {@code order} is given. */
    public TableColumn<ResourceRow<T>, RowView<T>> addColumn(String title, double widthEm, Function<RowView<T>, String> text,
                                                           Comparator<RowView<T>> order) {
        return addColumn(title, widthEm, text, order, null);
    }

    /**
     * A text column whose cells also show a status dot: {@code dotStyle} gives its style class ({@code dot-running},
     * …) or null for none. The text stays, so state is never shown by colour alone.
     */
    public TableColumn<ResourceRow<T>, RowView<T>> addColumn(String title, double widthEm, Function<RowView<T>, String> text,
                                                           Comparator<RowView<T>> order, Function<RowView<T>, String> dotStyle) {
        TableColumn<ResourceRow<T>, RowView<T>> column = new TableColumn<>(title);
        column.setId(kind.plural() + "-col-" + title.toLowerCase(Locale.ROOT).replace(' ', '-'));
        column.setCellValueFactory(cd -> cd.getValue().view());
        column.setCellFactory(c -> new TableCell<>() {
            private final javafx.scene.shape.Circle dot = new javafx.scene.shape.Circle(4);

            {
                dot.getStyleClass().add("row-dot");
            }

            @Override
            protected void updateItem(RowView<T> item, boolean empty) {
                super.updateItem(item, empty);
                getStyleClass().removeIf(s -> s.startsWith("value-"));
                if (empty || item == null) {
                    setText(null);
                    setTooltip(null);
                    setGraphic(null);
                    return;
                }
                String style = dotStyle == null ? null : dotStyle.apply(item);
                if (style != null) {
                    dot.getStyleClass().removeIf(s -> s.startsWith("dot-"));
                    dot.getStyleClass().add(style);
                    setGraphic(dot);
                } else {
                    setGraphic(null);
                }
                String value = text.apply(item);
                setText(value);
                setTooltip(value.length() > 24 ? new Tooltip(value) : null);
                if (item.terminating()) {
                    getStyleClass().add("value-terminating");
                }
            }
        });
        column.setComparator(order != null ? order : Comparator.comparing(text, String.CASE_INSENSITIVE_ORDER));
        column.setPrefWidth(widthEm * 12);
        table.getColumns().add(column);
        if (table.getSortOrder().isEmpty()) {
            // Rows arrive in event order; the first text column (name, tag) is the natural default order.
            table.getSortOrder().add(column);
        }
        return column;
    }

    /** Adds a column with its own cells (toggles, buttons). */
    public void addColumn(TableColumn<ResourceRow<T>, RowView<T>> column) {
        column.setCellValueFactory(cd -> cd.getValue().view());
        table.getColumns().add(column);
    }

    /**
     * Adds a bulk-action button; it is enabled while at least one selected row satisfies {@code appliesTo}, and acts
     * on those rows only.
     */
    public Button addAction(String label, String idSuffix, Predicate<RowView<T>> appliesTo,
                            Consumer<List<ResourceRow<T>>> action) {
        Button b = new Button(label);
        b.setId(kind.plural() + "-" + idSuffix);
        b.setMnemonicParsing(true);
        b.setOnAction(e -> {
            List<ResourceRow<T>> targets = selected().stream().filter(r -> appliesTo.test(r.view().get())).toList();
            if (!targets.isEmpty()) {
                action.accept(targets);
            }
            // The button usually disables itself (the request is pending): focus would move on to the next enabled
            // button — often Delete. Give it back to the rows acted on.
            table.requestFocus();
        });
        actionRefreshers.add(() -> b.setDisable(!live.get() || selected().stream().noneMatch(r -> appliesTo.test(r.view().get()))));
        actions.getChildren().add(b);
        refreshActions();
        return b;
    }

    /** Adds an always-enabled toolbar button (New volume…, Prune…) after the bulk actions. */
    public Button addTool(String label, String idSuffix, Runnable action) {
        Button b = new Button(label);
        b.setId(kind.plural() + "-" + idSuffix);
        b.setMnemonicParsing(true);
        b.setOnAction(e -> action.run());
        actions.getChildren().add(b);
        return b;
    }

    /** The selected rows, in table order. */
    public List<ResourceRow<T>> selected() {
        return List.copyOf(table.getSelectionModel().getSelectedItems());
    }

    public TableView<ResourceRow<T>> table() {
        return table;
    }

    public TextField filterField() {
        return filter;
    }

    public Node node() {
        return root;
    }

    public MirrorKind kind() {
        return kind;
    }

    /** What the empty table says, e.g. why there is nothing (engine stopped). */
    public void setEmptyText(String text) {
        emptyText = text;
        updatePlaceholder();
    }

    /** False greys the table and disables its actions (service unreachable, engine down): its rows may be stale. */
    public javafx.beans.property.BooleanProperty liveProperty() {
        return live;
    }

    public boolean isLive() {
        return live.get();
    }

    /** True shows, in place of an empty table, that the machine is stopped, with a Start machine button. */
    public javafx.beans.property.BooleanProperty machineStoppedProperty() {
        return machineStopped;
    }

    public void setOnStartMachine(Runnable start) {
        startMachine.setOnAction(e -> start.run());
    }

    /** The empty table's text: the machine is stopped, the filter matches nothing, or there is nothing yet. */
    private void updatePlaceholder() {
        if (machineStopped.get()) {
            placeholder.setText("The machine is stopped. Its " + kind.plural() + " show here while it runs.");
        } else if (!filter.getText().isBlank() && !model.items().isEmpty()) {
            placeholder.setText("No " + kind.plural() + " match the filter \u201c" + filter.getText().trim() + "\u201d. Esc clears it.");
        } else {
            placeholder.setText(emptyText);
        }
    }

    /**
     * Adds a tab beside the details (logs, stats, …): the details pane then becomes the first tab ("Details") of a
     * tab pane, which is returned so callers can follow the selected tab.
     */
    public TabPane addDetailsTab(Tab tab) {
        if (detailTabs == null) {
            Tab first = new Tab("Details", details.node());
            first.setId(kind.plural() + "-details-tab");
            detailTabs = new TabPane(first);
            detailTabs.setId(kind.plural() + "-detail-tabs");
            detailTabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
            double[] dividers = split.getDividerPositions();
            split.getItems().set(1, detailTabs);
            split.setDividerPositions(dividers);
        }
        detailTabs.getTabs().add(tab);
        return detailTabs;
    }

    /** Redraws every visible cell (after data the cells read indirectly changed, e.g. image tags). */
    public void refreshCells() {
        table.refresh();
    }

    private void refreshActions() {
        actionRefreshers.forEach(Runnable::run);
    }

    private void showDetails() {
        showDetails(false);
    }

    private void showDetails(boolean fromTop) {
        List<ResourceRow<T>> sel = table.getSelectionModel().getSelectedItems();
        if (sel.size() > 1) {
            details.showMessage(kind.count(sel.size()) + " selected.");
            return;
        }
        ResourceRow<T> row = table.getSelectionModel().getSelectedItem();
        if (row == null) {
            details.showMessage("Select a " + kind.singular() + " to see its details.");
        } else {
            details.show(detailsOf.apply(row.view().get()), fromTop);
        }
    }

    private void updateCount() {
        int all = model.items().size();
        int shown = filtered.size();
        count.setText(shown == all ? kind.count(all) : shown + " of " + kind.count(all));
    }

    private static List<String> words(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return List.of(text.toLowerCase(Locale.ROOT).trim().split("\\s+"));
    }

    private static boolean matches(String haystack, List<String> words) {
        String h = haystack.toLowerCase(Locale.ROOT);
        return words.stream().allMatch(h::contains);
    }
}
