package org.messenger.gui;

import java.util.Locale;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.scene.Scene;

/** Light or dark look: one stylesheet, a {@code dark} style class on the root switches the palette. */
public final class Theme {
    private final BooleanProperty dark = new SimpleBooleanProperty();

    Theme(boolean dark) {
        this.dark.set(dark);
    }

    public boolean isDark() {
        return dark.get();
    }

    BooleanProperty darkProperty() {
        return dark;
    }

    /** JavaFX 21 cannot ask the desktop; GTK_THEME (e.g. Adwaita:dark) is the common hint on Linux. */
    static boolean fromEnvironment() {
        String gtk = System.getenv("GTK_THEME");
        return gtk != null && gtk.toLowerCase(Locale.ROOT).contains("dark");
    }

    void apply(Scene scene) {
        scene.getStylesheets().add(Theme.class.getResource("messenger.css").toExternalForm());
        update(scene);
        dark.addListener((obs, old, now) -> update(scene));
        scene.rootProperty().addListener((obs, old, root) -> update(scene));
    }

    private void update(Scene scene) {
        if (scene.getRoot() == null) {
            return;
        }
        scene.getRoot().getStyleClass().remove("dark");
        if (dark.get()) {
            scene.getRoot().getStyleClass().add("dark");
        }
    }
}
