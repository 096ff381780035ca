package com.dealerkpi.lambda;

import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProviderChain;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;

/**
 * The credentials of a function, wherever Lambda runs it: the key variables of an on-demand function (and of
 * sam local, which passes the developer's credentials that way), else the container-credentials endpoint that
 * SnapStart functions get ({@code AWS_CONTAINER_CREDENTIALS_FULL_URI} with its authorization token). Two
 * providers only, so a cold start does not walk the SDK's whole default chain (profiles, web identity, IMDS).
 *
 * <p>{@link #renew()} starts from a fresh chain: after a SnapStart restore no credentials cached before the
 * snapshot are used again.
 */
final class LambdaCredentials implements AwsCredentialsProvider {
    private volatile AwsCredentialsProvider chain = newChain();

    @Override
    public AwsCredentials resolveCredentials() {
        return chain.resolveCredentials();
    }

    /** Forgets cached credentials and fetches new ones now (off the first request's path). */
    void renew() {
        chain = newChain();
        chain.resolveCredentials();
    }

    private static AwsCredentialsProvider newChain() {
        return AwsCredentialsProviderChain.builder()
                .reuseLastProviderEnabled(true)
                .credentialsProviders(EnvironmentVariableCredentialsProvider.create(),
                        ContainerCredentialsProvider.builder().build())
                .build();
    }
}
