package com.dealerkpi.local;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.dealerkpi.api.http.HttpApiEvents;
import com.dealerkpi.api.http.PathTemplate;
import com.dealerkpi.api.http.Route;
import com.dealerkpi.lambda.Config;
import com.dealerkpi.lambda.Wiring;
import com.dealerkpi.support.TestBackend;
import com.dealerkpi.support.TestEvents;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The events/ folder, template.yaml, the handlers' route table, the local runner and openapi.yaml describe one
 * API: the same routes everywhere, every event accepted with the status events/README.md promises, and the
 * runner building, for the same HTTP request, the event API Gateway sends.
 */
class EventsTest {
    private static final Path EVENTS = Path.of("events");
    private static SamTemplate template;
    private static Map<String, Integer> promised;

    @BeforeAll
    static void load() throws IOException {
        template = SamTemplate.load(Path.of("template.yaml"));
        promised = new TreeMap<>();
        for (String line : Files.readAllLines(EVENTS.resolve("README.md"))) {
            String[] cells = line.split("\\|");
            if (cells.length > 3 && cells[1].trim().endsWith(".json")) {
                promised.put(cells[1].trim(), Integer.parseInt(cells[3].trim()));
            }
        }
    }

    static Stream<String> eventFiles() throws IOException {
        try (Stream<Path> files = Files.list(EVENTS)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".json") && !n.equals("env.json")).sorted().toList().stream();
        }
    }

    private static String read(String file) throws IOException {
        return Files.readString(EVENTS.resolve(file), StandardCharsets.UTF_8);
    }

    @Test
    void templateHandlersOpenApiAndEventsDescribeTheSameRoutes() throws IOException {
        Set<String> fromTemplate = template.routes().stream().map(SamTemplate.HttpRoute::routeKey).collect(Collectors.toCollection(TreeSet::new));
        Set<String> fromHandlers = Arrays.stream(Route.values()).map(Route::routeKey).collect(Collectors.toCollection(TreeSet::new));
        Set<String> fromEvents = new TreeSet<>();
        for (String file : eventFiles().toList()) {
            fromEvents.add(TestEvents.parse(read(file)).getRouteKey());
        }
        Set<String> fromOpenApi = new TreeSet<>();
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> paths = (Map<String, Map<String, Object>>)
                new Yaml().<Map<String, Object>>load(Files.readString(Path.of("openapi.yaml"))).get("paths");
        paths.forEach((path, operations) -> operations.keySet().forEach(method ->
                fromOpenApi.add(method.toUpperCase(Locale.ROOT) + " " + path)));

        assertEquals(fromHandlers, fromTemplate, "template.yaml routes vs the handlers' Route table");
        assertEquals(fromTemplate, fromEvents, "every route has an event, every event a route");
        assertEquals(fromTemplate, fromOpenApi, "openapi.yaml paths vs template.yaml routes");
        for (Route route : Route.values()) {
            SamTemplate.HttpRoute inTemplate = template.routes().stream()
                    .filter(r -> r.routeKey().equals(route.routeKey())).findFirst().orElseThrow();
            assertEquals(route.function().logicalId(), inTemplate.functionLogicalId(), route.routeKey());
        }
        assertEquals(new TreeSet<>(eventFiles().toList()), promised.keySet(), "events/README.md documents every event");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("eventFiles")
    void eachEventIsAcceptedWithThePromisedStatusOnAFreshStore(String file) throws IOException {
        String json = read(file);
        APIGatewayV2HTTPEvent event = TestEvents.parse(json);   // the Lambda runtime's own serializer reads it
        assertNotNull(event.getRequestContext().getAuthorizer().getJwt().getClaims().get("sub"), file);
        SamTemplate.HttpRoute route = template.routes().stream()
                .filter(r -> r.routeKey().equals(event.getRouteKey())).findFirst().orElseThrow();
        SamTemplate.FunctionSpec function = template.function(route.functionLogicalId()).orElseThrow();

        Wiring wiring = Wiring.local(Config.from(function.environment()), TestBackend.current().fresh(Clock.systemUTC()),
                Clock.systemUTC());
        APIGatewayV2HTTPResponse response = Invoker.invoke(function, json, wiring);
        assertEquals(promised.get(file), response.getStatusCode(), file + " -> " + response.getBody());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("eventFiles")
    void theFunctionsReadEachEventAsTheRuntimesSerializerDoes(String file) throws IOException {
        String json = read(file);
        assertEquals(TestEvents.parse(json), HttpApiEvents.read(json.getBytes(StandardCharsets.UTF_8)), file);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("eventFiles")
    void theRunnerBuildsTheEventApiGatewaySends(String file) throws IOException {
        APIGatewayV2HTTPEvent sent = TestEvents.parse(read(file));
        Map<String, List<String>> headers = new LinkedHashMap<>();
        sent.getHeaders().forEach((name, value) -> headers.put(name, List.of(value)));
        byte[] body = sent.getBody() == null ? new byte[0] : sent.getBody().getBytes(StandardCharsets.UTF_8);
        LocalEvents.HttpRequest request = new LocalEvents.HttpRequest(sent.getRequestContext().getHttp().getMethod(),
                sent.getRawPath(), sent.getRawQueryString(), headers, body, "203.0.113.10", sent.getHeaders().get("host"));
        PathTemplate.Match<SamTemplate.HttpRoute> match = template.find(request.method(), request.rawPath()).orElseThrow();
        // the runner's event JSON, read by the Lambda runtime's own serializer
        APIGatewayV2HTTPEvent built = TestEvents.parse(LocalEvents.json(request, match.route().routeKey(),
                match.pathParameters(), sent.getRequestContext().getAuthorizer().getJwt().getClaims()));

        assertEquals(sent.getVersion(), built.getVersion(), file);
        assertEquals(sent.getRouteKey(), built.getRouteKey(), file);
        assertEquals(sent.getRawPath(), built.getRawPath(), file);
        assertEquals(sent.getRawQueryString(), built.getRawQueryString(), file);
        assertEquals(sent.getHeaders(), built.getHeaders(), file);
        assertEquals(sent.getQueryStringParameters(), built.getQueryStringParameters(), file);
        assertEquals(sent.getPathParameters(), built.getPathParameters(), file);
        assertEquals(sent.getBody(), built.getBody(), file);
        assertEquals(sent.getIsBase64Encoded(), built.getIsBase64Encoded(), file);
        assertEquals(sent.getCookies(), built.getCookies(), file);
        var s = sent.getRequestContext();
        var b = built.getRequestContext();
        assertEquals(s.getRouteKey(), b.getRouteKey(), file);
        assertEquals(s.getStage(), b.getStage(), file);
        assertEquals(s.getDomainName(), b.getDomainName(), file);
        assertEquals(s.getHttp().getMethod(), b.getHttp().getMethod(), file);
        assertEquals(s.getHttp().getPath(), b.getHttp().getPath(), file);
        assertEquals(s.getHttp().getProtocol(), b.getHttp().getProtocol(), file);
        assertEquals(s.getHttp().getSourceIp(), b.getHttp().getSourceIp(), file);
        assertEquals(s.getHttp().getUserAgent(), b.getHttp().getUserAgent(), file);
        assertEquals(s.getAuthorizer().getJwt().getClaims(), b.getAuthorizer().getJwt().getClaims(), file);
        assertTrue(b.getRequestId() != null && b.getTimeEpoch() > 0 && b.getTime() != null, file);
    }
}
