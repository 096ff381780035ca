#!/usr/bin/env bash
# Builds the functions exactly as `sam build` does (aws-lambda-builders, java_maven workflow), without SAM CLI:
# copy the CodeUri folder alone to a scratch folder, run `mvn clean install` there, then
# `mvn dependency:copy-dependencies -DincludeScope=runtime -Dmdep.prependGroupId=true`, and lay the artifact
# out as target/classes' contents plus lib/. Prints the artifact's size, zipped as Lambda receives it.
# Usage: tools/sam/build-like-sam.sh [artifact dir, default target/sam-artifact]
set -euo pipefail
cd "$(dirname "$0")/../.."
artifact=$(realpath -m "${1:-target/sam-artifact}")
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

cp -r functions/. "$scratch"
rm -rf "$scratch/target"
(cd "$scratch" && mvn -B -ntp -q clean install && mvn -B -ntp -q dependency:copy-dependencies -DincludeScope=runtime -Dmdep.prependGroupId=true)

rm -rf "$artifact" && mkdir -p "$artifact/lib"
cp -r "$scratch/target/classes/." "$artifact/"
cp "$scratch"/target/dependency/*.jar "$artifact/lib/"
rm -f "$(dirname "$artifact")/sam-artifact.zip" && jar --create --no-manifest --file "$(dirname "$artifact")/sam-artifact.zip" -C "$artifact" .
echo "sam build artifact: $artifact ($(du -sh "$artifact" | cut -f1) unzipped, $(stat -c %s "$(dirname "$artifact")/sam-artifact.zip") bytes zipped, $(ls "$artifact/lib" | wc -l) jars in lib/)"
