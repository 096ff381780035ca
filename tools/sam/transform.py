#!/usr/bin/env python3
"""Transforms template.yaml into the CloudFormation that AWS deploys, with AWS's own SAM translator
(aws-sam-translator), and prints it as JSON. Arguments: the template, the code's S3 URI (what `sam package`
puts in place of the local CodeUri, e.g. s3://bucket/<hash of the artifact>), then Name=Value parameters.
Used by the tests that check the deployed resources; no AWS account or network is needed."""
import json
import os
import sys

from samtranslator.model.exceptions import InvalidDocumentException
from samtranslator.translator.managed_policy_translator import ManagedPolicyLoader
from samtranslator.translator.transform import transform
from samtranslator.yaml_helper import yaml_parse


class NoManagedPolicies(ManagedPolicyLoader):
    """The template names no AWS managed policy, so none needs looking up (no IAM call)."""

    def __init__(self):
        pass

    def load(self):
        return {}


def main():
    # the translator needs a region for ARNs of the partition; any will do for checking the output
    os.environ.setdefault("AWS_DEFAULT_REGION", "eu-west-2")
    with open(sys.argv[1]) as f:
        template = yaml_parse(f.read())
    code_uri = sys.argv[2]
    template.get("Globals", {}).get("Function", {})["CodeUri"] = code_uri
    for resource in template["Resources"].values():
        if resource["Type"] == "AWS::Serverless::Function" and "CodeUri" in resource.get("Properties", {}):
            resource["Properties"]["CodeUri"] = code_uri
    parameters = dict(arg.split("=", 1) for arg in sys.argv[3:])
    try:
        output = transform(template, parameters, NoManagedPolicies())
    except InvalidDocumentException as e:
        sys.exit("template is invalid: " + "; ".join(str(cause) for cause in e.causes))
    json.dump(output, sys.stdout, indent=1, sort_keys=True, default=str)


if __name__ == "__main__":
    main()
