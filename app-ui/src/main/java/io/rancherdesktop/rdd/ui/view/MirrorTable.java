package io.rancherdesktop.rdd.ui.view;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.rancherdesktop.rdd.api.MirrorKind;
import io.rancherdesktop.rdd.ui.model.ResourceRow;
import io.rancherdesktop.rdd.ui.model.ResourceTableModel;
import io.rancherdesktop.rdd.ui.model.RowView;
import javafx.beans.value.ChangeListener;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
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

import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One tab's content: a filter box and bulk-action buttons, a virtualised multi-select table of one mirror kind
 * fed by its {@link ResourceTableModel}, and a details pane for the selected row. Column cells observe their
 * row, so an informer update redraws only what is on screen.
 *
 * <p>Optionally rows are grouped ({@link #setGrouping}, the Compose projects of the Containers tab): each group gets
 * a header row above its members in the same virtualised table. Sorting orders the top-level entries (group headers
 * and ungrouped rows) by the sort columns and the members within their group; the filter shows a header while one of
 * its members (or its name) matches; selecting a header stands for all its members.
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
    /** The model's rows plus the group headers: what the filter and the sort see. */
    private final ObservableList<ResourceRow<T>> all = FXCollections.observableArrayList(
            r -> new javafx.beans.Observable[] {r.objectProperty(), r.warningProperty(), r.pendingProperty()});
    private final Map<String, ResourceRow<T>> headers = new LinkedHashMap<>();
    private final Map<String, List<ResourceRow<T>>> members = new HashMap<>();
    private Grouping<T> grouping;
    private Predicate<ResourceRow<T>> rowFilter = r -> true;
    private final List<RowAction<T>> rowActions = new ArrayList<>();
    private InstantSource clock = InstantSource.system();
    private javafx.animation.Timeline timeRefresh;
    private static final javafx.css.PseudoClass GROUP_HEADER = javafx.css.PseudoClass.getPseudoClass("group-header");
    private static final javafx.css.PseudoClass GROUP_MEMBER = javafx.css.PseudoClass.getPseudoClass("group-member");

    /**
     * How rows are grouped: the group of an object (null or empty: none), a stand-in object for a group's header
     * (its columns read it; its name should sort like the group's name), and a summary of the members ("1/2 running").
     */
    public record Grouping<T>(Function<T, String> groupOf, BiFunction<String, List<T>, T> standIn,
                              Function<List<T>, String> summary) {
    }

    /**
     * A small icon button in the actions column: {@code look} says what it shows for a row (null: no button for that
     * row), {@code enabled} whether it applies now, {@code run} acts on the row. Buttons are ordered by {@code order}.
     */
    public record RowAction<T extends HasMetadata>(int order, Function<RowView<T>, Look> look,
                                                   Predicate<RowView<T>> enabled, Consumer<ResourceRow<T>> run) {
    }

    /** What an action button shows: its icon, its tooltip ("Stop web"), and its id ({@code stop-web}). */
    public record Look(org.kordamp.ikonli.Ikon icon, String tooltip, String id) {
    }

    public MirrorTable(MirrorKind kind, ResourceTableModel<T> model, Function<T, String> searchText,
                       Function<RowView<T>, List<DetailSection>> detailsOf) {
        this.kind = kind;
        this.model = model;
        this.detailsOf = detailsOf;
        this.details = new DetailsPane(kind.plural() + "-details");
        String id = kind.plural();

        all.setAll(model.items());
        model.items().addListener((ListChangeListener<ResourceRow<T>>) this::modelChanged);
        filtered = new FilteredList<>(all, r -> true);
        SortedList<ResourceRow<T>> sorted = new SortedList<>(filtered);
        // Groups stay together: the table's comparator orders the top-level entries and the members within a group.
        sorted.comparatorProperty().bind(javafx.beans.binding.Bindings.createObjectBinding(
                () -> grouped(table.getComparator()), table.comparatorProperty()));
        table.setSortPolicy(t -> true);
        table.setItems(sorted);
        table.setRowFactory(tv -> new javafx.scene.control.TableRow<>() {
            @Override
            protected void updateItem(ResourceRow<T> item, boolean empty) {
                super.updateItem(item, empty);
                boolean header = !empty && item != null && item.isGroupHeader();
                pseudoClassStateChanged(GROUP_HEADER, header);
                pseudoClassStateChanged(GROUP_MEMBER, !empty && item != null && !header && groupOf(item) != null);
            }
        });
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
        filter.setPrefColumnCount(15);
        filter.textProperty().addListener((obs, old, text) -> {
            List<String> words = words(text);
            rowFilter = words.isEmpty() ? r -> true : r -> matches(searchText.apply(r.object()), words);
            filtered.setPredicate(words.isEmpty() ? r -> true : r -> r.isGroupHeader()
                    ? matches(r.view().get().groupName(), words) || members.getOrDefault(r.view().get().groupName(), List.of()).stream().anyMatch(rowFilter)
                    : rowFilter.test(r));
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

    /** Keeps {@link #all} in step with the model: headers come before their members arrive and go after they left. */
    private void modelChanged(ListChangeListener.Change<? extends ResourceRow<T>> c) {
        List<ResourceRow<T>> removed = new ArrayList<>();
        List<ResourceRow<T>> added = new ArrayList<>();
        while (c.next()) {
            if (c.wasRemoved()) {
                removed.addAll(c.getRemoved());
            }
            if (c.wasAdded()) {
                added.addAll(c.getAddedSubList());
            }
        }
        if (!removed.isEmpty()) {
            java.util.Set<ResourceRow<T>> gone = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
            gone.addAll(removed);
            all.removeIf(gone::contains);
        }
        regroup(added);
        if (!added.isEmpty()) {
            all.addAll(added);
        }
    }

    /**
     * Groups the rows by {@code grouping}: one header per group, above its members; the rows already shown move
     * under their header (sorting and filtering stay as they are for ungrouped rows).
     */
    public void setGrouping(Grouping<T> grouping) {
        this.grouping = grouping;
        List<ResourceRow<T>> rows = List.copyOf(model.items());
        all.clear();
        regroup(rows);
        all.addAll(rows);
    }

    /** The group of a row, or null. */
    private String groupOf(ResourceRow<T> row) {
        if (grouping == null || row.isGroupHeader()) {
            return null;
        }
        String g = grouping.groupOf().apply(row.object());
        return g == null || g.isEmpty() ? null : g;
    }

    /**
     * Recomputes the groups from the model: adds headers of new groups (before {@code arriving} rows join
     * {@link #all}, so that they sort under them), refreshes every header's summary, drops headers of empty groups.
     */
    private void regroup(List<ResourceRow<T>> arriving) {
        if (grouping == null) {
            return;
        }
        Map<String, List<ResourceRow<T>>> now = new LinkedHashMap<>();
        for (ResourceRow<T> r : model.items()) {
            String g = groupOf(r);
            if (g != null) {
                now.computeIfAbsent(g, k -> new ArrayList<>()).add(r);
            }
        }
        members.clear();
        members.putAll(now);
        for (var e : now.entrySet()) {
            List<T> objects = e.getValue().stream().map(ResourceRow::object).toList();
            T standIn = grouping.standIn().apply(e.getKey(), objects);
            ResourceRow<T> header = headers.get(e.getKey());
            if (header == null) {
                header = ResourceRow.groupHeader(e.getKey(), standIn);
                header.setGroupSummary(standIn, grouping.summary().apply(objects));
                headers.put(e.getKey(), header);
                all.add(header);
            } else {
                // A new stand-in each time: the header is re-filtered when a member starts or stops matching.
                header.setGroupSummary(standIn, grouping.summary().apply(objects));
            }
        }
        for (var it = headers.entrySet().iterator(); it.hasNext(); ) {
            var e = it.next();
            if (!now.containsKey(e.getKey())) {
                all.remove(e.getValue());
                it.remove();
            }
        }
    }

    /** The rows of a group (in model order); empty for an unknown group. */
    public List<ResourceRow<T>> groupMembers(String group) {
        return List.copyOf(members.getOrDefault(group, List.of()));
    }

    /** The members of a group header (in model order), or the row itself. */
    public List<ResourceRow<T>> membersOf(ResourceRow<T> row) {
        return row.isGroupHeader() ? List.copyOf(members.getOrDefault(row.view().get().groupName(), List.of())) : List.of(row);
    }

    /** Top-level entries by {@code order}; a group's header first, then its members by {@code order}. */
    private Comparator<ResourceRow<T>> grouped(Comparator<ResourceRow<T>> order) {
        Comparator<ResourceRow<T>> by = order == null ? (a, b) -> 0 : order;
        return (a, b) -> {
            if (a == b) {
                return 0;
            }
            ResourceRow<T> ta = topLevel(a);
            ResourceRow<T> tb = topLevel(b);
            if (ta != tb) {
                int c = by.compare(ta, tb);
                return c != 0 ? c : ta.key().compareTo(tb.key());
            }
            if (a == ta) {
                return -1;
            }
            if (b == tb) {
                return 1;
            }
            int c = by.compare(a, b);
            return c != 0 ? c : a.key().compareTo(b.key());
        };
    }

    private ResourceRow<T> topLevel(ResourceRow<T> row) {
        String g = groupOf(row);
        ResourceRow<T> header = g == null ? null : headers.get(g);
        return header == null ? row : header;
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
        return addColumn(title, widthEm, text, order, dotStyle, null, null);
    }

    /**
     * A text column whose cells may also show a status dot ({@code dotStyle}) and a warning icon: {@code warning}
     * gives a message (a failed request, the engine's error) shown as the icon's tooltip, or empty for none.
     * {@code tooltip} gives the cell's tooltip (null: the text itself when it is long).
     */
    public TableColumn<ResourceRow<T>, RowView<T>> addColumn(String title, double widthEm, Function<RowView<T>, String> text,
                                                           Comparator<RowView<T>> order, Function<RowView<T>, String> dotStyle,
                                                           Function<RowView<T>, String> warning,
                                                           Function<RowView<T>, String> tooltip) {
        TableColumn<ResourceRow<T>, RowView<T>> column = new TableColumn<>(title);
        column.setId(kind.plural() + "-col-" + title.toLowerCase(Locale.ROOT).replace(' ', '-'));
        column.setCellValueFactory(cd -> cd.getValue().view());
        column.setCellFactory(c -> new TableCell<>() {
            private final javafx.scene.shape.Circle dot = new javafx.scene.shape.Circle(4);
            private final org.kordamp.ikonli.javafx.FontIcon warn = Icons.icon(Icons.WARNING);
            private final HBox both = new HBox();

            {
                dot.getStyleClass().add("row-dot");
                warn.getStyleClass().add("row-warning");
                both.getStyleClass().add("cell-graphics");
                both.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
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
                String message = warning == null ? "" : warning.apply(item);
                both.getChildren().clear();
                if (style != null) {
                    dot.getStyleClass().removeIf(s -> s.startsWith("dot-"));
                    dot.getStyleClass().add(style);
                }
                if (message.isEmpty()) {
                    setGraphic(style != null ? dot : null);
                } else {
                    both.getChildren().setAll(style != null ? List.of(dot, warn) : List.of(warn));
                    setGraphic(both);
                }
                String value = text.apply(item);
                setText(value);
                String tip = tooltip != null ? tooltip.apply(item) : value.length() > 24 ? value : "";
                if (!message.isEmpty()) {
                    tip = tip.isEmpty() ? message : tip + "\n" + message;
                }
                setTooltip(tip.isEmpty() ? null : new Tooltip(tip));
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

    /**
     * A time column: "3 minutes ago", with the local time ({@code yyyy-MM-dd HH:mm:ss}) as the tooltip; sorting
     * compares the times themselves. The texts are redrawn every minute while the table shows.
     */
    public TableColumn<ResourceRow<T>, RowView<T>> addTimeColumn(String title, double widthEm, Function<RowView<T>, String> rfc3339) {
        Function<RowView<T>, Instant> time = v -> io.rancherdesktop.rdd.ui.model.MirrorFacts.instant(rfc3339.apply(v)).orElse(Instant.MIN);
        TableColumn<ResourceRow<T>, RowView<T>> column = addColumn(title, widthEm,
                v -> io.rancherdesktop.rdd.ui.model.MirrorFacts.relativeTime(rfc3339.apply(v), clock.instant()),
                Comparator.comparing(time), null, null, v -> io.rancherdesktop.rdd.ui.model.MirrorFacts.localTime(rfc3339.apply(v)));
        if (timeRefresh == null) {
            timeRefresh = new javafx.animation.Timeline(new javafx.animation.KeyFrame(javafx.util.Duration.minutes(1), e -> {
                if (table.getScene() != null && table.getScene().getWindow() != null && table.getScene().getWindow().isShowing()
                        && table.isVisible()) {
                    table.refresh();
                }
            }));
            timeRefresh.setCycleCount(javafx.animation.Animation.INDEFINITE);
            timeRefresh.play();
        }
        return column;
    }

    /** The clock relative times are measured from (tests pin it). */
    public void setClock(InstantSource clock) {
        this.clock = clock;
        table.refresh();
    }

    /**
     * Adds the actions column: per row, a small icon button with a tooltip for each {@link RowAction} (added before
     * or after). The buttons are not focus traversable (Tab moves between controls, not through every row), are
     * disabled while the rows are not live, and give focus back to the table after they acted.
     */
    public TableColumn<ResourceRow<T>, RowView<T>> addActionsColumn(double widthEm) {
        TableColumn<ResourceRow<T>, RowView<T>> column = new TableColumn<>("Actions");
        column.setId(kind.plural() + "-col-actions");
        column.setSortable(false);
        column.setPrefWidth(widthEm * 12);
        column.setMinWidth(widthEm * 12);
        column.setCellFactory(c -> new TableCell<>() {
            private final HBox box = new HBox();
            private final Map<RowAction<T>, Button> buttons = new LinkedHashMap<>();

            {
                box.getStyleClass().add("row-actions");
                box.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
            }

            private Button button(RowAction<T> action) {
                return buttons.computeIfAbsent(action, a -> {
                    Button b = new Button();
                    b.getStyleClass().addAll("row-button", "button-icon", "flat");
                    b.setFocusTraversable(false);
                    b.setMinWidth(Region.USE_PREF_SIZE);
                    b.setOnAction(e -> {
                        ResourceRow<T> row = getTableRow() == null ? null : getTableRow().getItem();
                        if (row != null && live.get() && a.enabled().test(row.view().get())) {
                            a.run().accept(row);
                        }
                        table.requestFocus();
                    });
                    return b;
                });
            }

            @Override
            protected void updateItem(RowView<T> item, boolean empty) {
                super.updateItem(item, empty);
                setText(null);
                if (empty || item == null) {
                    setGraphic(null);
                    return;
                }
                box.getChildren().clear();
                for (RowAction<T> a : rowActions) {
                    Look look = a.look().apply(item);
                    if (look == null) {
                        continue;
                    }
                    Button b = button(a);
                    if (b.getGraphic() instanceof org.kordamp.ikonli.javafx.FontIcon icon) {
                        icon.setIconCode(look.icon());
                    } else {
                        b.setGraphic(Icons.icon(look.icon()));
                    }
                    b.setId(look.id());
                    b.setAccessibleText(look.tooltip());
                    if (b.getTooltip() == null) {
                        b.setTooltip(new Tooltip(look.tooltip()));
                    } else {
                        b.getTooltip().setText(look.tooltip());
                    }
                    b.setDisable(!live.get() || !a.enabled().test(item));
                    box.getChildren().add(b);
                }
                setGraphic(box);
            }
        });
        addColumn(column);
        return column;
    }

    /** Adds a button to every row's actions column ({@link #addActionsColumn}); redraws the rows. */
    public void addRowAction(RowAction<T> action) {
        rowActions.add(action);
        rowActions.sort(Comparator.comparingInt(RowAction::order));
        table.refresh();
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
        Icons.forToolbar(idSuffix).ifPresent(i -> b.setGraphic(Icons.icon(i)));
        if (Icons.iconOnly(idSuffix)) {
            // Start, Stop, Pause, Resume, Restart: the icon alone (nine worded buttons do not fit beside the filter
            // at 1024 px); the word stays for the mnemonic, the tooltip and screen readers.
            String word = label.replace("_", "");
            int m = label.indexOf('_');
            b.setContentDisplay(javafx.scene.control.ContentDisplay.GRAPHIC_ONLY);
            b.setAccessibleText(word);
            b.setTooltip(new Tooltip(word + " the selected " + kind.plural()
                    + (m >= 0 && m + 1 < label.length() ? " (Alt+" + Character.toUpperCase(label.charAt(m + 1)) + ")" : "")));
            if (m >= 0 && m + 1 < label.length()) {
                // A graphic-only button registers no mnemonic of its own: register it with the scene.
                KeyCode key = KeyCode.getKeyCode(String.valueOf(Character.toUpperCase(label.charAt(m + 1))));
                javafx.scene.input.Mnemonic mnemonic = new javafx.scene.input.Mnemonic(b,
                        new javafx.scene.input.KeyCodeCombination(key, javafx.scene.input.KeyCombination.ALT_DOWN));
                b.sceneProperty().addListener((obs, was, scene) -> {
                    if (was != null) {
                        was.removeMnemonic(mnemonic);
                    }
                    if (scene != null) {
                        scene.addMnemonic(mnemonic);
                    }
                });
            }
        }
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
        Icons.forToolbar(idSuffix).ifPresent(i -> b.setGraphic(Icons.icon(i)));
        b.setOnAction(e -> action.run());
        actions.getChildren().add(b);
        return b;
    }

    /** The selected rows, in table order; a selected group header stands for its members. */
    public List<ResourceRow<T>> selected() {
        LinkedHashSet<ResourceRow<T>> rows = new LinkedHashSet<>();
        for (ResourceRow<T> r : table.getSelectionModel().getSelectedItems()) {
            rows.addAll(membersOf(r));
        }
        return List.copyOf(rows);
    }

    public TableView<ResourceRow<T>> table() {
        return table;
    }

    public TextField filterField() {
        return filter;
    }

    /** The details pane of the selected row. */
    public DetailsPane detailsPane() {
        return details;
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
        int shown = (int) filtered.stream().filter(r -> !r.isGroupHeader()).count();
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
