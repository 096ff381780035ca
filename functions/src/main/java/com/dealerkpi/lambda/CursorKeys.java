package com.dealerkpi.lambda;

import com.dealerkpi.app.common.StoreUnavailableException;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

/**
 * The secrets behind drill-down cursors. Deployed, they come from the Secrets Manager secret named by
 * {@code CURSOR_SECRET_ARN} (created by the template, readable only by the report function): its current value,
 * and its previous one while a rotation is in progress, read when a cursor first needs them (and again after a
 * SnapStart restore). A deployed function without the setting refuses to start.
 * Local runs (the runner, sam local) use a fixed, documented local key.
 */
final class CursorKeys {
    /** The documented key of local runs: cursors issued locally are only as secret as this source file. */
    static final byte[] LOCAL_KEY = "dealer-kpi local cursor key (never deployed)".getBytes(StandardCharsets.UTF_8);

    private CursorKeys() {
    }

    /** Checked when the report function starts, though the key itself is read when a cursor first needs it. */
    static void requireSource(Config config) {
        if (config.cursorSecretArn().isEmpty() && config.deployed()) {
            throw new IllegalStateException(Config.CURSOR_SECRET_ARN + " is not set: a deployed report function "
                    + "does not start without its cursor key (template.yaml sets it to the CursorKeySecret)");
        }
    }

    static List<byte[]> load(Config config, AwsCredentialsProvider credentials) {
        requireSource(config);
        if (config.cursorSecretArn().isEmpty()) {
            return List.of(LOCAL_KEY);
        }
        String arn = config.cursorSecretArn().get();
        try (SecretsManagerClient secrets = SecretsManagerClient.builder()
                .httpClient(UrlConnectionHttpClient.builder().connectionTimeout(Duration.ofSeconds(2))
                        .socketTimeout(Duration.ofSeconds(3)).build())
                .region(Region.of(config.region()))
                .credentialsProvider(credentials)
                .build()) {
            List<byte[]> keys = new ArrayList<>();
            keys.add(secrets.getSecretValue(r -> r.secretId(arn)).secretString().getBytes(StandardCharsets.UTF_8));
            try {
                keys.add(secrets.getSecretValue(r -> r.secretId(arn).versionStage("AWSPREVIOUS")).secretString()
                        .getBytes(StandardCharsets.UTF_8));
            } catch (ResourceNotFoundException neverRotated) {
                // only the current value exists until the first rotation
            }
            return keys;
        } catch (SdkException unreachable) {
            // like the store being down: nothing was changed, a retry in a moment may succeed
            throw new StoreUnavailableException("the cursor key could not be read: " + unreachable.getMessage(), unreachable);
        }
    }
}
