package com.dealerkpi.store;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Builds the DynamoDB client: the JDK's own HTTP client (no Apache or Netty to load), the region given, the
 * credentials the caller chose, bounded retries and timeouts. The endpoint is DynamoDB's unless one is given;
 * without one the SDK also honours its own setting {@code AWS_ENDPOINT_URL_DYNAMODB}.
 */
public final class DynamoClients {
    private DynamoClients() {
    }

    /** Fixed credentials for a local DynamoDB implementation (dynalite, moto), which checks no signature. */
    public static AwsCredentialsProvider localCredentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));
    }

    public static DynamoDbClient create(String region, Optional<URI> endpoint, AwsCredentialsProvider credentials,
                                        int maxAttempts, Duration attemptTimeout, ExecutionInterceptor... interceptors) {
        // The JDK keeps at most 5 idle keep-alive connections per host by default; status updates fan out
        // to parallel writes and the local runner serves many callers at once.
        if (System.getProperty("http.maxConnections") == null) {
            System.setProperty("http.maxConnections", "64");
        }
        ClientOverrideConfiguration.Builder override = ClientOverrideConfiguration.builder()
                .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(maxAttempts).build())
                .apiCallAttemptTimeout(attemptTimeout)
                .apiCallTimeout(attemptTimeout.multipliedBy(maxAttempts).plusSeconds(1));
        for (ExecutionInterceptor interceptor : interceptors) {
            override.addExecutionInterceptor(interceptor);
        }
        var builder = DynamoDbClient.builder()
                .httpClient(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(2))
                        .socketTimeout(attemptTimeout)
                        .build())
                .region(Region.of(region))
                .credentialsProvider(credentials)
                .overrideConfiguration(override.build());
        endpoint.ifPresent(builder::endpointOverride);
        return builder.build();
    }
}
