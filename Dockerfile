# Kiln in a container, the way Packer is often run: `kiln` is the entrypoint,
# the template directory is mounted at /build. See docs/container.md.
#
#   docker build -t kiln .
#   docker run --rm -v "$PWD:/build" -v /var/run/docker.sock:/var/run/docker.sock kiln build .
#
# Build arguments:
#   BASE_IMAGE           a Debian-based Node.js >= 20 image with npm (default: the official
#                        node:20-bookworm-slim)
#   KILN_INIT_TEMPLATE   a template (file or directory) in the build context: `kiln init`
#                        installs the plugins it requires into the image (its
#                        kiln.lock.json, when present, is honoured)
#   NPM_REGISTRY         the npm registry URL for `npm install` and `kiln init` (default: empty,
#                        npm's own configuration: the repository's .npmrc, then npm's default)
#   PREBUILT=1           use the already built workspace in kiln-prebuilt.tar (in the build
#                        context; node_modules and dist folders, built with the same Node.js
#                        major version on the same platform): no `npm install`, no `tsc -b`,
#                        nothing downloaded from the npm registry (docs/container.md)
ARG BASE_IMAGE=node:20-bookworm-slim

# The package manifests alone, so that `npm install` is redone only when they change.
FROM ${BASE_IMAGE} AS manifests
WORKDIR /src
COPY . .
RUN mkdir /manifests \
 && find . -name node_modules -prune -o \( -name package.json -o -name package-lock.json -o -name .npmrc \) -type f -print \
    | while read -r f; do mkdir -p "/manifests/$(dirname "$f")" && cp "$f" "/manifests/$f"; done

FROM ${BASE_IMAGE} AS build
ARG PREBUILT=0
ARG NPM_REGISTRY=
WORKDIR /src
COPY --from=manifests /manifests/ ./
# Install scripts stay off: nothing Kiln runs needs a native build (ssh2 has a
# JavaScript fallback, the HCL grammar is WebAssembly), so no compiler is needed.
# PREBUILT=1 brings node_modules in kiln-prebuilt.tar instead.
RUN if [ "$PREBUILT" != 1 ]; then env ${NPM_REGISTRY:+npm_config_registry="$NPM_REGISTRY"} npm install --ignore-scripts --no-audit --no-fund --loglevel=error; fi
COPY . .
# Then the runtime tree in /opt/kiln: the root manifests and, for each workspace
# package but the tests, its package.json, its published files ("files") and
# the production dependencies `npm ls --omit=dev` finds for it.
RUN set -eu; \
    if [ "$PREBUILT" = 1 ]; then \
      [ -f kiln-prebuilt.tar ] \
        || { echo "PREBUILT=1: kiln-prebuilt.tar is not in the build context (see docs/container.md)" >&2; exit 1; }; \
      tar -xf kiln-prebuilt.tar --no-same-owner; \
      rm kiln-prebuilt.tar; \
      [ -f cli/dist/main.js ] && [ -d node_modules/@kiln ] \
        || { echo "PREBUILT=1: kiln-prebuilt.tar holds no built workspace (node_modules, cli/dist)" >&2; exit 1; }; \
    else \
      set -- cli; \
      for d in plugins/*/; do [ -f "$d/tsconfig.json" ] && set -- "$@" "${d%/}"; done; \
      npx tsc -b "$@"; \
      node cli/scripts/postbuild.mjs; \
      node scripts/bundle.mjs; \
    fi; \
    mkdir -p /opt/kiln; \
    cp package.json package-lock.json /opt/kiln/; \
    node -e ' \
      const fs = require("node:fs"), path = require("node:path"), cp = require("node:child_process"); \
      const copy = (rel) => fs.cpSync(rel, path.join("/opt/kiln", rel), { recursive: true, verbatimSymlinks: true }); \
      const ws = JSON.parse(cp.execFileSync("npm", ["query", ".workspace"], { encoding: "utf8" })) \
        .map((w) => w.location).filter((l) => l !== "test"); \
      for (const w of ws) { \
        const pkg = JSON.parse(fs.readFileSync(path.join(w, "package.json"), "utf8")); \
        copy(path.join(w, "package.json")); \
        for (const f of pkg.files ?? []) if (!f.startsWith("!") && fs.existsSync(path.join(w, f))) copy(path.join(w, f)); \
      } \
      const ls = cp.spawnSync("npm", ["ls", "--omit=dev", "--all", "--parseable", ...ws.flatMap((w) => ["-w", w])], \
        { encoding: "utf8", maxBuffer: 64 << 20 }); \
      let n = 0; \
      for (const p of new Set(ls.stdout.split("\n").filter(Boolean))) { \
        const rel = path.relative(process.cwd(), p); \
        if (/^([^/]+\/)*node_modules\/(@[^/]+\/)?[^/]+$/.test(rel) && rel.split("node_modules").length === 2) { copy(rel); n++; } \
      } \
      if (n === 0) { console.error(ls.stderr); process.exit(1); } \
      console.log(`${ws.length} packages, ${n} dependencies`);'; \
    rm -f /opt/kiln/node_modules/@kiln/test; \
    find /opt/kiln -path '*/node_modules' -prune -o -type f \( -name '*.test.*' -o -name '*.tsbuildinfo' \) -print0 \
      | xargs -0 rm -f; \
    find /opt/kiln -type f \( -name '*.map' -o -name '*.d.ts' -o -name '*.d.mts' -o -name '*.d.cts' \) -print0 \
      | xargs -0 rm -f
# The template `kiln init` runs on (KILN_INIT_TEMPLATE), with its lock file: a
# template file and the kiln.lock.json beside it, or a template directory's files.
ARG KILN_INIT_TEMPLATE=
RUN set -eu; \
    mkdir -p /kiln-init; \
    if [ -n "$KILN_INIT_TEMPLATE" ]; then \
      t="/src/${KILN_INIT_TEMPLATE#/}"; \
      if [ -d "$t" ]; then \
        mkdir /kiln-init/template && find "$t/" -maxdepth 1 -type f -exec cp {} /kiln-init/template/ \; ; \
      elif [ -f "$t" ]; then \
        mkdir /kiln-init/dir && cp "$t" /kiln-init/dir/ && echo "/tmp/kiln-init/dir/$(basename "$t")" >/kiln-init/path; \
        if [ -f "$(dirname "$t")/kiln.lock.json" ]; then cp "$(dirname "$t")/kiln.lock.json" /kiln-init/dir/; fi; \
      else \
        echo "KILN_INIT_TEMPLATE=$KILN_INIT_TEMPLATE is not in the build context" >&2; exit 1; \
      fi; \
      [ -f /kiln-init/path ] || echo /tmp/kiln-init/template >/kiln-init/path; \
    fi

FROM ${BASE_IMAGE} AS runtime
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends qemu-system-x86 qemu-utils \
 && apt-get clean \
 && rm -rf /var/lib/apt/lists/* /var/cache/apt/*.bin
COPY --from=build /opt/kiln/ /opt/kiln/
RUN ln -s /opt/kiln/cli/bin/run.js /usr/local/bin/kiln \
 && mkdir -p /opt/kiln-plugins \
 && kiln version \
 && kiln --help >/dev/null
# Plugins installed by `kiln init` (at image build time, or later) live here,
# outside /build and outside any user's home.
ENV KILN_PLUGIN_PATH=/opt/kiln-plugins
ARG NPM_REGISTRY=
COPY --from=build /kiln-init/ /tmp/kiln-init/
RUN if [ -f /tmp/kiln-init/path ]; then \
      env ${NPM_REGISTRY:+npm_config_registry="$NPM_REGISTRY"} kiln init "$(cat /tmp/kiln-init/path)" || exit 1; fi \
 && rm -rf /tmp/kiln-init /root/.npm /root/.cache
WORKDIR /build
VOLUME /build
EXPOSE 5900
ENTRYPOINT ["kiln"]
CMD ["--help"]
