package com.dealerkpi.local.runtime;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The floor of the cold-start benchmark: the least a function on this stack can do for a request, one GetItem
 * with the same SDK client, HTTP client and dependencies as ours, no event mapping, a fixed answer. Run by the
 * runtime interface client from a task folder of its own beside our lib/.
 */
public final class FloorFunction implements RequestStreamHandler {
    private static final DynamoDbClient DB = DynamoDbClient.builder()
            .httpClient(UrlConnectionHttpClient.create())
            .credentialsProvider(EnvironmentVariableCredentialsProvider.create())
            .build();

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        input.readAllBytes();
        DB.getItem(r -> r.tableName(System.getenv("TABLE_NAME"))
                .key(Map.of("pk", AttributeValue.fromS("FLOOR"), "sk", AttributeValue.fromS("FLOOR"))));
        output.write("{\"statusCode\":200,\"body\":\"\"}".getBytes(StandardCharsets.UTF_8));
    }
}
