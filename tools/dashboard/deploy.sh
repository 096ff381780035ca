#!/usr/bin/env bash
# Uploads the dashboard (web/) to a deployed stack's bucket with a config.json made from the stack's outputs, then
# invalidates CloudFront's copy. Run after `sam deploy`: tools/dashboard/deploy.sh <stack-name> [region]
# Needs the AWS CLI with credentials for the stack's account.
set -euo pipefail
cd "$(dirname "$0")/../.."
stack="${1:?usage: tools/dashboard/deploy.sh <stack-name> [region]}"
region="${2:-${AWS_REGION:-${AWS_DEFAULT_REGION:-}}}"
region_args=()
[ -n "$region" ] && region_args=(--region "$region")

output() {
  aws cloudformation describe-stacks "${region_args[@]}" --stack-name "$stack" \
    --query "Stacks[0].Outputs[?OutputKey=='$1'].OutputValue" --output text
}
parameter() {
  aws cloudformation describe-stacks "${region_args[@]}" --stack-name "$stack" \
    --query "Stacks[0].Parameters[?ParameterKey=='$1'].ParameterValue" --output text
}

bucket="$(output DashboardBucket)"
distribution="$(output DashboardDistributionId)"
api="$(output ApiUrl)"
client="$(output DashboardClientId)"
authority="$(output AuthDomain)"
if [ -z "$client" ] || [ "$client" = "None" ]; then
  # an existing issuer: its app client and sign-in origin are the stack's parameters
  client="${DASHBOARD_CLIENT_ID:?the stack uses an existing issuer: set DASHBOARD_CLIENT_ID to its app client id}"
  authority="$(parameter DashboardAuthDomain)"
fi
national="$(parameter NationalRole)"

config="$(mktemp)"
trap 'rm -f "$config"' EXIT
printf '{"auth":"cognito","api":"%s","authority":"%s","clientId":"%s","nationalGroup":"%s"}\n' \
  "${api%/}" "$authority" "$client" "$national" > "$config"

aws s3 sync "${region_args[@]}" web/ "s3://$bucket/" --delete --exclude app/config.json
aws s3 cp "${region_args[@]}" "$config" "s3://$bucket/app/config.json" --content-type application/json \
  --cache-control no-cache
aws cloudfront create-invalidation --distribution-id "$distribution" --paths '/*' >/dev/null
echo "dashboard: $(output DashboardUrl)"
