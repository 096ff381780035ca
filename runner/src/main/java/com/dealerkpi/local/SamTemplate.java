package com.dealerkpi.local;

import com.dealerkpi.api.http.PathTemplate;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * What the local runner needs from {@code template.yaml}: each function's handler and environment, and every
 * HTTP API route with its function. Reading them from the template (not a second list kept by hand) keeps
 * {@code serve}, {@code invoke} and the deployment from drifting apart.
 */
public final class SamTemplate {
    /**
     * A function: its logical id, handler ({@code class::method}), its environment as the template writes it
     * (Globals merged; values are strings or intrinsics such as {@code {"!Ref": "Table"}}), and that environment
     * resolved to local values.
     */
    public record FunctionSpec(String logicalId, String handler, Map<String, Object> declaredEnvironment,
                               Map<String, String> environment) {
        public String handlerClass() {
            return handler.split("::")[0];
        }
    }

    /** An HTTP API route of the template. */
    public record HttpRoute(String method, String path, String functionLogicalId, PathTemplate template) {
        HttpRoute(String method, String path, String functionLogicalId) {
            this(method, path, functionLogicalId, new PathTemplate(path));
        }

        public String routeKey() {
            return method + " " + path;
        }
    }

    private final Map<String, FunctionSpec> functions = new LinkedHashMap<>();
    private Map<String, Object> parameters = Map.of();
    private final List<HttpRoute> routes = new ArrayList<>();

    private SamTemplate() {
    }

    /** The project's template.yaml: beside the tools folder, else in the working directory, else the jar's copy. */
    public static SamTemplate load() throws IOException {
        Path beside = Dynalite.toolsDirectory().toAbsolutePath().getParent();
        for (Path candidate : new Path[]{beside == null ? null : beside.resolve("template.yaml"), Path.of("template.yaml")}) {
            if (candidate != null && Files.isRegularFile(candidate)) {
                return load(candidate);
            }
        }
        try (var in = SamTemplate.class.getResourceAsStream("/template.yaml")) {
            if (in == null) {
                throw new IOException("template.yaml not found (pass --template FILE)");
            }
            return parse(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
        }
    }

    /** The template a command's {@code --template FILE} names, else the project's. */
    public static SamTemplate load(Options options) throws IOException {
        Optional<String> file = options.optional("--template");
        return file.isPresent() ? load(Path.of(file.get())) : load();
    }

    public static SamTemplate load(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse(reader);
        }
    }

    /** The template as parsed YAML, intrinsics as {@code {"!Ref": X}} (for checks that walk all of it). */
    static Object tree(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return new Yaml(new CloudFormationConstructor()).load(reader);
        }
    }

    @SuppressWarnings("unchecked")
    private static SamTemplate parse(Reader reader) {
        Map<String, Object> root = (Map<String, Object>) new Yaml(new CloudFormationConstructor()).load(reader);
        SamTemplate template = new SamTemplate();
        Map<String, Object> parameters = map(root.get("Parameters"));
        template.parameters = parameters;
        Map<String, Object> globals = map(map(root.get("Globals")).get("Function"));
        Map<String, Object> resources = map(root.get("Resources"));
        resources.forEach((logicalId, value) -> {
            Map<String, Object> resource = map(value);
            if (!"AWS::Serverless::Function".equals(resource.get("Type"))) {
                return;
            }
            Map<String, Object> properties = map(resource.get("Properties"));
            String handler = String.valueOf(properties.get("Handler"));
            Map<String, Object> declared = new LinkedHashMap<>();
            for (Map<String, Object> source : List.of(globals, properties)) {
                declared.putAll(map(map(source.get("Environment")).get("Variables")));
            }
            Map<String, String> environment = new LinkedHashMap<>();
            declared.forEach((name, raw) -> resolve(raw, parameters).ifPresent(v -> environment.put(name, v)));
            template.functions.put(logicalId, new FunctionSpec(logicalId, handler, declared, environment));
            map(properties.get("Events")).forEach((eventId, event) -> {
                Map<String, Object> e = map(event);
                if ("HttpApi".equals(e.get("Type"))) {
                    Map<String, Object> p = map(e.get("Properties"));
                    template.routes.add(new HttpRoute(String.valueOf(p.get("Method")).toUpperCase(java.util.Locale.ROOT),
                            String.valueOf(p.get("Path")), logicalId));
                }
            });
        });
        return template;
    }

    public Optional<FunctionSpec> function(String logicalId) {
        return Optional.ofNullable(functions.get(logicalId));
    }

    public Map<String, FunctionSpec> functions() {
        return functions;
    }

    /** A parameter's default, if it has one. */
    public Optional<String> parameterDefault(String name) {
        return Optional.ofNullable(map(parameters.get(name)).get("Default")).map(String::valueOf);
    }

    public List<HttpRoute> routes() {
        return routes;
    }

    /** The route API Gateway would pick for a request: among the matches, the most literal one. */
    public Optional<PathTemplate.Match<HttpRoute>> find(String method, String rawPath) {
        return PathTemplate.mostLiteral(routes, HttpRoute::method, HttpRoute::template, method, rawPath);
    }

    /**
     * A plain value as it is; {@code !Ref Parameter} as the parameter's default. Anything that only exists once
     * deployed (a resource's name, a parameter without default) is left unset, so the local default applies.
     */
    private static Optional<String> resolve(Object raw, Map<String, Object> parameters) {
        if (raw instanceof Map<?, ?> intrinsic && intrinsic.containsKey("!Ref")) {
            Object parameter = parameters.get(String.valueOf(intrinsic.get("!Ref")));
            Object fallback = parameter == null ? null : map(parameter).get("Default");
            return Optional.ofNullable(fallback).map(String::valueOf);
        }
        return raw instanceof Map<?, ?> || raw == null ? Optional.empty() : Optional.of(String.valueOf(raw));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    /** Reads CloudFormation's short-form intrinsics ({@code !Ref X}, {@code !Sub ...}) as {@code {"!Ref": X}}. */
    private static final class CloudFormationConstructor extends SafeConstructor {
        CloudFormationConstructor() {
            super(new LoaderOptions());
            this.yamlMultiConstructors.put("!", new AbstractConstruct() {
                @Override
                public Object construct(Node node) {
                    Object value;
                    if (node instanceof ScalarNode scalar) {
                        value = constructScalar(scalar);
                    } else if (node instanceof SequenceNode sequence) {
                        value = constructSequence(sequence);
                    } else {
                        value = constructMapping((MappingNode) node);
                    }
                    return Map.of(node.getTag().getValue(), value);
                }
            });
        }
    }
}
