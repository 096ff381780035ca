package com.dealerkpi.local.runtime;

import com.dealerkpi.local.SamTemplate;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The environment each way of running the code gives a function: what Lambda sets, and the template's variables
 * resolved the way CloudFormation (deployed) or SAM CLI (sam local) resolves them.
 */
public final class LambdaEnvironments {
    /** The region of the test tables (moto keeps tables per region). */
    public static final String REGION = "us-east-1";

    private LambdaEnvironments() {
    }

    /** What the managed runtime sets for every function, whatever its configuration. */
    private static Map<String, String> runtime(SamTemplate.FunctionSpec function, Path taskRoot, String runtimeApi,
                                               String functionName, String initializationType) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AWS_LAMBDA_RUNTIME_API", runtimeApi);
        env.put("LAMBDA_TASK_ROOT", taskRoot.toString());
        env.put("LAMBDA_RUNTIME_DIR", "/var/runtime");
        env.put("_HANDLER", function.handler());
        env.put("AWS_EXECUTION_ENV", "AWS_Lambda_java21");
        env.put("AWS_REGION", REGION);
        env.put("AWS_DEFAULT_REGION", REGION);
        env.put("AWS_LAMBDA_FUNCTION_NAME", functionName);
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "7");
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1024");
        env.put("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/" + functionName);
        env.put("AWS_LAMBDA_LOG_STREAM_NAME", "2026/11/30/[7]0123456789abcdef");
        env.put("AWS_LAMBDA_INITIALIZATION_TYPE", initializationType);
        return env;
    }

    /**
     * Deployed by CloudFormation: every declared variable with its Refs resolved (parameters to their values,
     * resources to their names or ARNs), plus the logging settings of the template's LoggingConfig. The AWS
     * endpoints are the test's stand-ins, set through the SDK's own endpoint variables.
     */
    public static Map<String, String> deployed(SamTemplate template, SamTemplate.FunctionSpec function, Path taskRoot,
                                        String runtimeApi, String initializationType, Map<String, String> resources,
                                        String awsEndpoint) {
        Map<String, String> env = runtime(function, taskRoot, runtimeApi, "dealer-kpi-" + function.logicalId() + "-Xy12",
                initializationType);
        env.put("AWS_LAMBDA_LOG_FORMAT", "JSON");
        env.put("AWS_LAMBDA_LOG_LEVEL", "INFO");
        function.declaredEnvironment().forEach((name, value) -> env.put(name, deployedValue(template, value, resources)));
        env.put("AWS_ENDPOINT_URL_DYNAMODB", awsEndpoint);
        env.put("AWS_ENDPOINT_URL_SECRETS_MANAGER", awsEndpoint);
        return env;
    }

    /** The resources the functions' variables refer to, as CloudFormation resolves them: the table and the cursor key. */
    public static Map<String, String> resources(String table) {
        return Map.of("Table", table, "CursorKeySecret", AwsDouble.SECRET_ARN);
    }

    /** An on-demand function: credentials in the key variables. */
    public static Map<String, String> onDemandCredentials(Map<String, String> env) {
        env.put("AWS_ACCESS_KEY_ID", "AKIAONDEMAND");
        env.put("AWS_SECRET_ACCESS_KEY", "on-demand-secret");
        env.put("AWS_SESSION_TOKEN", "on-demand-session");
        return env;
    }

    /** A SnapStart function: no key variables, the container-credentials endpoint and its token instead. */
    public static Map<String, String> snapStartCredentials(Map<String, String> env, String awsEndpoint) {
        env.put("AWS_CONTAINER_CREDENTIALS_FULL_URI", awsEndpoint + AwsDouble.CREDENTIALS_PATH);
        env.put("AWS_CONTAINER_AUTHORIZATION_TOKEN", AwsDouble.TOKEN);
        return env;
    }

    /**
     * {@code sam local invoke/start-api --env-vars events/env.json}: only declared variables, each from env.json's
     * Parameters if it names it, else the template's value resolved as SAM CLI does (a parameter to its default, a
     * resource to its logical id); plus what SAM CLI sets itself (credentials of the developer's profile, here its
     * defaults). {@code hostGateway} is where host.docker.internal leads ({@code --add-host ...:host-gateway}).
     */
    public static Map<String, String> samLocal(SamTemplate template, SamTemplate.FunctionSpec function, Path taskRoot,
                                        String runtimeApi, Map<String, String> envJson, String hostGateway) {
        Map<String, String> env = runtime(function, taskRoot, runtimeApi, function.logicalId(), "on-demand");
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
        env.put("AWS_SAM_LOCAL", "true");
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_DEFAULT_REGION", "us-east-1");
        env.put("AWS_ACCESS_KEY_ID", "defaultkey");
        env.put("AWS_SECRET_ACCESS_KEY", "defaultsecret");
        env.put("AWS_ACCOUNT_ID", "123456789012");
        function.declaredEnvironment().forEach((name, value) -> {
            String resolved = envJson.containsKey(name) ? envJson.get(name) : samLocalValue(template, value);
            env.put(name, resolved.replace("host.docker.internal", hostGateway));
        });
        return env;
    }

    private static String deployedValue(SamTemplate template, Object value, Map<String, String> resources) {
        String ref = ref(value);
        if (ref == null) {
            return String.valueOf(value);
        }
        if (resources.containsKey(ref)) {
            return resources.get(ref);
        }
        return template.parameterDefault(ref).orElseThrow(() -> new IllegalStateException("no value for !Ref " + ref));
    }

    private static String samLocalValue(SamTemplate template, Object value) {
        String ref = ref(value);
        return ref == null ? String.valueOf(value) : template.parameterDefault(ref).orElse(ref);
    }

    private static String ref(Object value) {
        if (value instanceof Map<?, ?> intrinsic) {
            if (!intrinsic.containsKey("!Ref")) {
                throw new IllegalStateException("the template's environment uses an intrinsic this test cannot resolve: " + value);
            }
            return String.valueOf(intrinsic.get("!Ref"));
        }
        return null;
    }
}
