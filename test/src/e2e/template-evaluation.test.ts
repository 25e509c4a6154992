import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { packer116, requirePacker } from '../reference-packer.js';
import { hasStackTrace, kiln, withTemplate } from './cli-helpers.js';

// Evaluation as Packer 1.16 does it, through the real kiln binary: the http
// data source against a loopback server this test starts, locals and data
// sources in dependency order, -evaluate-datasources, the undeclared-variable
// warnings of validate and build, continue_on_error and hcp_packer_registry.

interface Seen {
  method: string;
  url: string;
  token: string | undefined;
  body: string;
}
const seen: Seen[] = [];
let server: Server;
let base: string;

before(async () => {
  server = createServer((req: IncomingMessage, res) => {
    let body = '';
    req.on('data', (c: Buffer) => {
      body += c.toString();
    });
    req.on('end', () => {
      seen.push({
        method: req.method ?? '',
        url: req.url ?? '',
        token: req.headers['x-token'] as string,
        body,
      });
      if (req.url === '/missing') {
        res.writeHead(404, { 'content-type': 'text/plain' });
        res.end('no');
        return;
      }
      res.setHeader('content-type', 'text/plain');
      res.setHeader('x-multi', ['a', 'b']);
      res.end(req.method === 'POST' ? `posted ${body}` : `hello ${req.headers['x-token'] ?? '-'}`);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => new Promise<void>((r) => server.close(() => r())));

const fileSource = (content: string) =>
  `source "file" "f" {\n  content = ${content}\n  target  = "out.txt"\n}\nbuild {\n  sources = ["source.file.f"]\n}\n`;

describe('template evaluation (Packer 1.16)', () => {
  it('http and null data sources run in dependency order with locals during kiln build', async () => {
    const template = `data "http" "get" {
  url             = "${base}/get"
  request_headers = { X-Token = local.token }
}
data "http" "post" {
  url          = "${base}/post"
  method       = "POST"
  request_body = data.null.payload.output
}
data "null" "payload" {
  input = "p-\${local.token}"
}
locals {
  token = "t0k"
  body  = data.http.get.body
}
${fileSource('"${local.body}|${data.http.post.body}|${data.http.get.request_headers["X-Multi"]}|${data.http.get.url}"')}`;
    await withTemplate({ 't.pkr.hcl': template }, async (dir) => {
      seen.length = 0;
      const r = await kiln(['build', 't.pkr.hcl'], dir);
      assert.equal(r.code, 0, r.stderr + r.stdout);
      assert.equal(await readFile(join(dir, 'out.txt'), 'utf8'), `hello t0k|posted p-t0k|a, b|${base}/get`);
      assert.deepEqual(seen.map((s) => s.url).sort(), ['/get', '/post']);
      assert.equal(seen.find((s) => s.url === '/get')?.token, 't0k');
      assert.equal(seen.find((s) => s.url === '/post')?.body, 'p-t0k');
    });
  });

  it('validate checks data sources without running them; -evaluate-datasources runs them', async () => {
    const template = `data "http" "gone" {\n  url = "${base}/missing"\n}\n${fileSource('data.http.gone.body')}`;
    await withTemplate({ 't.pkr.hcl': template }, async (dir) => {
      seen.length = 0;
      const plain = await kiln(['validate', 't.pkr.hcl'], dir);
      assert.equal(plain.code, 0, plain.stderr);
      assert.equal(seen.length, 0, 'no request without -evaluate-datasources');
      const run = await kiln(['validate', '-evaluate-datasources', 't.pkr.hcl'], dir);
      assert.equal(run.code, 1);
      assert.match(run.stderr, /Error: Datasource\.Execute failed: HTTP request error\. Response code: 404/);
      assert.match(run.stderr, /on t\.pkr\.hcl line 1:/);
      assert.equal(seen.length, 1);
      assert.ok(!hasStackTrace(run.stderr));
    });
    const badMethod = `data "http" "x" {\n  url    = "${base}/get"\n  method = "FETCH"\n}\n${fileSource('"x"')}`;
    await withTemplate({ 't.pkr.hcl': badMethod }, async (dir) => {
      const r = await kiln(['validate', 't.pkr.hcl'], dir);
      assert.equal(r.code, 1);
      assert.match(r.stderr, /the `method` must be one of \[HEAD GET POST PUT DELETE OPTIONS PATCH\]/);
      assert.match(r.stderr, /on t\.pkr\.hcl line 3:/);
    });
  });

  it('a cycle between locals and data sources is an error at each block in it', async () => {
    const template = `data "null" "n" {\n  input = local.a\n}\nlocals {\n  a = data.null.n.output\n}\n${fileSource('local.a')}`;
    await withTemplate({ 't.pkr.hcl': template }, async (dir) => {
      const r = await kiln(['validate', 't.pkr.hcl'], dir);
      assert.equal(r.code, 1);
      assert.match(r.stderr, /Error: Cycle in local values and data sources\n\n {2}on t\.pkr\.hcl line 5:/);
      assert.match(r.stderr, /Error: Cycle in local values and data sources\n\n {2}on t\.pkr\.hcl line 1:/);
      assert.match(r.stderr, /local\.a, data\.null\.n|data\.null\.n, local\.a/);
    });
  });

  it('validate warns about undeclared var-file names unless -no-warn-undeclared-var; build only with -warn-on-undeclared-var', async () => {
    await withTemplate(
      {
        't.pkr.hcl': `variable "v" {\n  default = "x"\n}\n${fileSource('var.v')}`,
        'x.pkrvars.hcl': 'v = "y"\nother = 1\n',
      },
      async (dir) => {
        const warning =
          /Warning: Undefined variable\n\n {2}on x\.pkrvars\.hcl line 2:[\s\S]*The variable "other" was set but was not declared as an input variable/;
        const v = await kiln(['validate', '-var-file', 'x.pkrvars.hcl', 't.pkr.hcl'], dir);
        assert.equal(v.code, 0, v.stderr);
        assert.match(v.stderr, warning);
        const quiet = await kiln(
          ['validate', '-no-warn-undeclared-var', '-var-file', 'x.pkrvars.hcl', 't.pkr.hcl'],
          dir,
        );
        assert.equal(quiet.code, 0);
        assert.doesNotMatch(quiet.stderr, /Undefined variable/);
        const b = await kiln(['build', '-var-file', 'x.pkrvars.hcl', 't.pkr.hcl'], dir);
        assert.equal(b.code, 0, b.stderr);
        assert.doesNotMatch(b.stderr + b.stdout, /Undefined variable/);
        assert.equal(await readFile(join(dir, 'out.txt'), 'utf8'), 'y');
        const bw = await kiln(
          ['build', '-warn-on-undeclared-var', '-var-file', 'x.pkrvars.hcl', 't.pkr.hcl'],
          dir,
        );
        assert.equal(bw.code, 0, bw.stderr);
        assert.match(bw.stderr, warning);
      },
    );
  });

  it('continue_on_error lets the build go on after a failed provisioner; hcp_packer_registry is ignored with a warning', async () => {
    const template = `hcp_packer_registry {
  bucket_name = "my-bucket"
}
source "null" "n" {
  communicator = "none"
}
build {
  hcp_packer_registry {
    bucket_name = "my-bucket"
  }
  sources = ["source.null.n"]
  provisioner "shell-local" {
    inline            = ["exit 3"]
    continue_on_error = true
  }
  provisioner "shell-local" {
    inline = ["echo after the failure"]
  }
}
`;
    await withTemplate({ 't.pkr.hcl': template }, async (dir) => {
      const r = await kiln(['build', 't.pkr.hcl'], dir);
      assert.equal(r.code, 0, r.stderr + r.stdout);
      assert.match(
        r.stdout,
        /Warning: Provisioner failed with ".*", but continue_on_error is set; continuing the build\./,
      );
      assert.match(r.stdout, /after the failure/);
      assert.match(r.stderr, /Warning: hcp_packer_registry is ignored\n\n {2}on t\.pkr\.hcl line 1:/);
    });
    await withTemplate(
      {
        't.pkr.hcl': template.replace('    continue_on_error = true\n', ''),
      },
      async (dir) => {
        const r = await kiln(['build', 't.pkr.hcl'], dir);
        assert.equal(r.code, 1, 'without continue_on_error the build fails');
        assert.doesNotMatch(r.stdout, /after the failure/);
      },
    );
  });

  it('build.name, source.*, packer.version and path.root in a provisioner print what Packer 1.16 prints', async () => {
    const template = `source "null" "n" {
  communicator = "none"
}
build {
  name    = "web"
  sources = ["source.null.n"]
  provisioner "shell-local" {
    inline = ["echo name=\${build.name} src=\${source.name} type=\${source.type} v=\${packer.version} root=\${path.root}"]
  }
}
`;
    await withTemplate({}, async (dir) => {
      await mkdir(join(dir, 'sub'));
      await writeFile(join(dir, 'sub', 't.pkr.hcl'), template);
      const line = (out: string) => /name=.*$/m.exec(out)?.[0];
      const k = await kiln(['build', '-color=false', 'sub'], dir);
      const p = spawnSync(requirePacker(packer116), ['build', '-color=false', 'sub'], {
        cwd: dir,
        env: { ...process.env, CHECKPOINT_DISABLE: '1', PACKER_LOG: '' },
        encoding: 'utf8',
        timeout: 120_000,
      });
      assert.equal(p.status, 0, p.stdout);
      assert.equal(line(p.stdout), 'name=web src=n type=null v=1.16.0 root=sub');
      assert.equal(k.code, 0, k.stderr + k.stdout);
      assert.equal(line(k.stdout), line(p.stdout));
    });
  });

  it("build.* before the builder runs: its generated variables and Packer's common keys; anything else is an error", async () => {
    const template = (extra: string) => `source "docker" "d" {
  image  = "kiln-test/busybox:latest"
  commit = true
  pull   = false
}
build {
  name    = "b"
  sources = ["source.docker.d"]
  provisioner "shell" {
    inline = ["echo \${build.ContainerId} \${build.ID} \${build.PackerRunUUID} \${build.name}${extra}"]
  }
}
`;
    await withTemplate({ 't.pkr.hcl': template('') }, async (dir) => {
      const ok = await kiln(['validate', 't.pkr.hcl'], dir);
      assert.equal(ok.code, 0, ok.stderr);
    });
    await withTemplate({ 't.pkr.hcl': template(' ${build.Nope}') }, async (dir) => {
      const bad = await kiln(['validate', 't.pkr.hcl'], dir);
      assert.equal(bad.code, 1);
      assert.match(bad.stderr, /Error: Unsupported attribute\n\n {2}on t\.pkr\.hcl line 10:/);
      assert.match(bad.stderr, /This object does not have an attribute named "Nope"\./);
    });
  });

  it('a JSON template naming a builder of a known plugin says which plugin provides it', async () => {
    await withTemplate(
      { 't.json': { builders: [{ type: 'virtualbox-iso', iso_url: 'x' }] } },
      async (dir) => {
        const r = await kiln(['validate', 't.json'], dir);
        assert.equal(r.code, 1);
        assert.match(r.stderr, /Unknown builder type "virtualbox-iso"/);
        assert.match(
          r.stderr,
          /provided by the plugin github\.com\/hashicorp\/virtualbox: add it to required_plugins and run `kiln init`, or run `kiln plugins install github\.com\/hashicorp\/virtualbox`/,
        );
      },
    );
  });
});
