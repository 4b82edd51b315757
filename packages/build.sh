#!/usr/bin/env bash
# Builds the npm package and the Python wheel of vendorspec's published schemas into OUT
# (default: target/packages): the schemas with their index.json (which also says each body's
# syntax, envelope and member-name matching), the generated types (json2ts for TypeScript,
# datamodel-code-generator for pydantic), then `npm pack` and `pip wheel`. Uses the tools
# that .ci/test installs (.ci/node_modules, .ci/venv). Nothing generated is committed.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="${1:-$root/target/packages}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
py="$root/.ci/venv/bin/python"
export PYTHONDONTWRITEBYTECODE=1
rm -rf "$out/npm" "$out/python"
cp -r "$root/packages/npm" "$out/npm"
cp -r "$root/packages/python" "$out/python"
rm -rf "$out/python/build" "$out/python"/*.egg-info


mkdir -p "$out/npm/schemas" "$out/npm/types" "$out/python/vendorspec/schemas" "$out/python/vendorspec/models"
cp "$root/generated/schemas/index.json" "$out/npm/schemas/"
cp "$root/generated/schemas/index.json" "$out/python/vendorspec/schemas/"
for f in "$root"/generated/schemas/*.schema.json; do
  name="$(basename "$f" .schema.json)"
  cp "$f" "$out/npm/schemas/"
  cp "$f" "$out/python/vendorspec/schemas/"
  # The any-case variants are for validators; code is generated from the canonical schemas.
  case "$name" in *.any-case) continue ;; esac
  "$root/.ci/node_modules/.bin/json2ts" --input "$f" --output "$out/npm/types/$name.d.ts" \
    --cwd "$root/generated/schemas"
  PYTHONWARNINGS=ignore "$root/.ci/venv/bin/datamodel-codegen" --input "$f" --input-file-type jsonschema \
    --output-model-type pydantic_v2.BaseModel --snake-case-field --strict-types str bool --use-schema-description --disable-timestamp \
    --output "$out/python/vendorspec/models/${name//./_}.py" >/dev/null
done
touch "$out/python/vendorspec/models/__init__.py"

(cd "$out/npm" && npm pack --silent --pack-destination "$out" >/dev/null)
"$py" -m pip wheel --quiet --disable-pip-version-check --no-deps --no-build-isolation \
  --no-index -w "$out" "$out/python"
ls "$out"/vendorspec-*.tgz "$out"/vendorspec-*.whl
