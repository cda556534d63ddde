package org.messenger.gui.connect;

import javafx.geometry.HPos;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.beans.binding.Bindings;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The connect dialog: server, nickname, optional account and password, Connect. Errors show under the fields and the dialog stays. */
public final class ConnectView {
    private final VBox root = new VBox(14);
    private final TextField server = new TextField();
    private final TextField nick = new TextField();
    private final TextField account = new TextField();
    private final PasswordField password = new PasswordField();
    private final PasswordField passwordAgain = new PasswordField();

    public ConnectView(ConnectViewModel model, Runnable quit) {
        root.getStyleClass().add("connect-view");
        root.setPadding(new Insets(22, 24, 18, 24));

        Label title = new Label("Connect to Messenger");
        title.getStyleClass().add("title");
        Label hint = new Label("Everyone who connects meets in the lobby.");
        hint.getStyleClass().add("hint");

        server.setId("server");
        server.textProperty().bindBidirectional(model.serverProperty());
        server.setPromptText("host:port");
        nick.setId("nick");
        nick.textProperty().bindBidirectional(model.nickProperty());
        nick.setPromptText("e.g. alice");

        account.setId("account");
        account.textProperty().bindBidirectional(model.accountProperty());
        account.setPromptText("optional: your registered account");
        password.setId("password");
        password.textProperty().bindBidirectional(model.passwordProperty());
        password.setPromptText("the account's password");
        // Creating an account needs no account name (it is the nickname), logging in to one does.
        password.disableProperty().bind(model.accountProperty().isEmpty().and(model.registerProperty().not()));
        passwordAgain.setId("password-again");
        passwordAgain.textProperty().bindBidirectional(model.passwordAgainProperty());
        passwordAgain.setPromptText("the same password again");
        CheckBox register = new CheckBox("C_reate this account (named after the nickname)");
        register.setId("register-account");
        register.setMnemonicParsing(true);
        register.selectedProperty().bindBidirectional(model.registerProperty());
        model.registerProperty().addListener((obs, was, now) -> password.setPromptText(
                now ? "a password for the new account (8 characters or more)" : "the account's password"));

        Label serverLabel = new Label("_Server");
        serverLabel.setMnemonicParsing(true);
        serverLabel.setLabelFor(server);
        Label nickLabel = new Label("_Nickname");
        nickLabel.setMnemonicParsing(true);
        nickLabel.setLabelFor(nick);

        CheckBox tls = new CheckBox("Use _TLS (encrypted; port 6697 usually)");
        tls.setId("tls");
        tls.setMnemonicParsing(true);
        tls.selectedProperty().bindBidirectional(model.tlsProperty());

        GridPane form = new GridPane();
        form.setHgap(10);
        form.setVgap(10);
        ColumnConstraints labels = new ColumnConstraints();
        labels.setHalignment(HPos.RIGHT);
        ColumnConstraints fields = new ColumnConstraints();
        fields.setHgrow(Priority.ALWAYS);
        form.getColumnConstraints().addAll(labels, fields);
        form.addRow(0, serverLabel, server);
        form.addRow(1, nickLabel, nick);
        form.add(tls, 1, 2);
        Label accountLabel = new Label("_Account");
        accountLabel.setMnemonicParsing(true);
        accountLabel.setLabelFor(account);
        Label passwordLabel = new Label("_Password");
        passwordLabel.setMnemonicParsing(true);
        passwordLabel.setLabelFor(password);
        form.addRow(3, accountLabel, account);
        form.addRow(4, passwordLabel, password);
        Label againLabel = new Label("A_gain");
        againLabel.setMnemonicParsing(true);
        againLabel.setLabelFor(passwordAgain);
        form.addRow(5, againLabel, passwordAgain);
        form.add(register, 1, 6);
        // The second password field only while creating an account.
        for (Node node : new Node[] {againLabel, passwordAgain}) {
            node.visibleProperty().bind(model.registerProperty());
            node.managedProperty().bind(model.registerProperty());
        }

        Label error = new Label();
        error.setId("connect-error");
        error.getStyleClass().add("error-text");
        error.setWrapText(true);
        error.textProperty().bind(model.errorProperty());
        error.visibleProperty().bind(model.errorProperty().isNotEmpty());
        error.managedProperty().bind(error.visibleProperty());
        error.setMinHeight(Region.USE_PREF_SIZE);

        ProgressIndicator spinner = new ProgressIndicator();
        spinner.setPrefSize(18, 18);
        Label connecting = new Label("Connecting…", spinner);
        connecting.visibleProperty().bind(model.busyProperty());

        Button quitButton = new Button("_Quit");
        quitButton.setCancelButton(true);
        quitButton.setOnAction(e -> quit.run());
        Button connect = new Button("_Connect");
        connect.setId("connect");
        connect.setDefaultButton(true);
        connect.disableProperty().bind(model.canConnect().not());
        connect.setOnAction(e -> model.connect());

        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox buttons = new HBox(10, connecting, spacer, quitButton, connect);
        buttons.setAlignment(Pos.CENTER_LEFT);

        // Trust on first use: the fingerprint of an unknown self-signed certificate, and the decision.
        Label question = new Label();
        question.setId("fingerprint-question");
        question.setWrapText(true);
        question.setMinHeight(Region.USE_PREF_SIZE);
        question.textProperty().bind(Bindings.createStringBinding(
                () -> model.untrustedProperty().get() == null ? "" : ConnectViewModel.question(model.untrustedProperty().get()),
                model.untrustedProperty()));
        Button trust = new Button("Trust and connect");
        trust.setId("trust");
        trust.setOnAction(e -> model.trustAndConnect());
        Button distrust = new Button("Do not trust");
        distrust.setId("distrust");
        distrust.setOnAction(e -> model.distrust());
        HBox decision = new HBox(10, distrust, trust);
        decision.setAlignment(Pos.CENTER_RIGHT);
        VBox trustPanel = new VBox(8, question, decision);
        trustPanel.setId("trust-panel");
        trustPanel.visibleProperty().bind(model.untrustedProperty().isNotNull());
        trustPanel.managedProperty().bind(trustPanel.visibleProperty());

        Region grow = new Region();
        VBox.setVgrow(grow, Priority.ALWAYS);
        root.getChildren().addAll(title, hint, form, error, trustPanel, grow, buttons);
        // Selected, so typing replaces a nick that was taken.
        nick.focusedProperty().addListener((obs, was, now) -> {
            if (now) {
                javafx.application.Platform.runLater(nick::selectAll);
            }
        });
    }

    public Parent root() {
        return root;
    }

    /** The nickname field, which has the focus whenever the dialog opens. */
    public Node nickField() {
        return nick;
    }
}
