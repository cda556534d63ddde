package org.messenger.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/** docs/architecture.md's module graph is the one the poms build, and it keeps the layering rules. */
class ArchitectureTest {
    private static final Pattern EDGE = Pattern.compile("^\\s*([a-z-]+) --> ([a-z-]+)\\s*$");

    private static Path root;
    private static Map<String, Set<String>> fromPoms;
    private static Map<String, Set<String>> fromDoc;

    @BeforeAll
    static void read() throws Exception {
        Path moduleDir = Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
        root = moduleDir.getParent();
        fromPoms = pomGraph(root);
        fromDoc = docGraph(root.resolve("docs/architecture.md"), fromPoms.keySet());
    }

    @Test
    void docsModuleGraphIsWhatThePomsSay() {
        assertThat(fromDoc)
                .as("docs/architecture.md's mermaid graph against the compile dependencies in the poms; update one to match the other")
                .isEqualTo(fromPoms);
    }

    @Test
    void clientAndGuiCarryNoServerCode() {
        for (String module : List.of("client", "gui", "files-client")) {
            assertThat(reachableFrom(module)).as("what %s depends on, directly or not", module)
                    .doesNotContain("irc-server", "chat-core", "files-server");
        }
    }

    @Test
    void theProductNeverDependsOnTheBenchmarks() {
        for (String module : fromPoms.keySet()) {
            if (!module.equals("bench") && !module.equals("microbench")) {
                assertThat(reachableFrom(module)).as("what %s depends on", module).doesNotContain("bench", "microbench");
            }
        }
    }

    @Test
    void lowestModulesDependOnNoOtherModule() {
        for (String module : List.of("testkit", "transport", "chat-core", "irc-codec")) {
            assertThat(fromPoms.get(module)).as(module).isEmpty();
        }
    }

    @Test
    void modulesFormNoCycle() {
        for (String module : fromPoms.keySet()) {
            for (String dependency : fromPoms.get(module)) {
                assertThat(reachableFrom(dependency)).as("%s -> %s leads back", module, dependency).doesNotContain(module);
            }
        }
    }

    private static Set<String> reachableFrom(String start) {
        Set<String> seen = new TreeSet<>();
        Deque<String> todo = new ArrayDeque<>(fromPoms.getOrDefault(start, Set.of()));
        while (!todo.isEmpty()) {
            String next = todo.pop();
            if (seen.add(next)) {
                todo.addAll(fromPoms.getOrDefault(next, Set.of()));
            }
        }
        return seen;
    }

    /** Every module of the root pom, with the modules of ours it depends on at compile scope. */
    private static Map<String, Set<String>> pomGraph(Path root) throws Exception {
        Map<String, Set<String>> graph = new TreeMap<>();
        for (String module : childTexts(parse(root.resolve("pom.xml")).getDocumentElement(), "modules", "module")) {
            Set<String> dependencies = new TreeSet<>();
            Element project = parse(root.resolve(module).resolve("pom.xml")).getDocumentElement();
            for (Element dependency : children(child(project, "dependencies"), "dependency")) {
                String scope = text(dependency, "scope");
                if ("org.messenger".equals(text(dependency, "groupId")) && (scope == null || scope.equals("compile"))) {
                    dependencies.add(text(dependency, "artifactId"));
                }
            }
            graph.put(module, dependencies);
        }
        return graph;
    }

    /** The edges of the first mermaid {@code graph} block; modules without edges map to an empty set. */
    private static Map<String, Set<String>> docGraph(Path doc, Set<String> modules) throws IOException {
        Map<String, Set<String>> graph = new TreeMap<>();
        for (String module : modules) {
            graph.put(module, new TreeSet<>());
        }
        boolean inGraph = false;
        for (String line : Files.readAllLines(doc)) {
            if (line.startsWith("```mermaid")) {
                inGraph = true;
            } else if (inGraph && line.startsWith("```")) {
                break;
            } else if (inGraph) {
                Matcher m = EDGE.matcher(line);
                if (m.matches()) {
                    graph.computeIfAbsent(m.group(1), k -> new TreeSet<>()).add(m.group(2));
                }
            }
        }
        return graph;
    }

    private static Document parse(Path pom) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(pom.toFile());
    }

    private static Element child(Element parent, String name) {
        if (parent == null) {
            return null;
        }
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                return e;
            }
        }
        return null;
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        if (parent != null) {
            NodeList nodes = parent.getChildNodes();
            for (int i = 0; i < nodes.getLength(); i++) {
                if (nodes.item(i) instanceof Element e && e.getTagName().equals(name)) {
                    found.add(e);
                }
            }
        }
        return found;
    }

    private static List<String> childTexts(Element parent, String list, String item) {
        List<String> texts = new ArrayList<>();
        for (Element e : children(child(parent, list), item)) {
            texts.add(e.getTextContent().trim());
        }
        return texts;
    }

    private static String text(Element parent, String name) {
        Element e = child(parent, name);
        return e == null ? null : e.getTextContent().trim();
    }
}
