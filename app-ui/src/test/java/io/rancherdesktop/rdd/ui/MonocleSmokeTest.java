package io.rancherdesktop.rdd.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

@ExtendWith(ApplicationExtension.class)
class MonocleSmokeTest {
    private Button button;

    @Start
    void start(Stage stage) {
        button = new Button("click me");
        button.setId("b");
        button.setOnAction(e -> button.setText("clicked"));
        stage.setScene(new Scene(new StackPane(button), 200, 100));
        stage.show();
    }

    @Test
    void headlessMonocleDrivesARealButton(FxRobot robot) {
        robot.clickOn("#b");
        assertEquals("clicked", button.getText());
    }
}
