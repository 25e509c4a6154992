/**
 * A FAKE of the Compute Engine v1 REST API, for tests only: a small,
 * in-memory stand-in for the part of https://compute.googleapis.com/compute/v1/
 * that the googlecompute plugin uses (images, instances, disks, zonal and
 * global operations), served on a loopback port. It is not Google's service
 * and not an emulator of all of it.
 *
 * Faithful where the plugin's behaviour depends on it: paths and bodies as in
 * compute.proto (JSON, int64 as strings); operations that move PENDING ->
 * RUNNING -> DONE as they are polled, with their effect applied at DONE and
 * errors reported in the operation; instances PROVISIONING -> STAGING ->
 * RUNNING and STOPPING -> TERMINATED; a boot disk made from initializeParams
 * (labels included) and refused deletion while attached; metadata and label
 * fingerprints; 404 with Google's error envelope for unknown names; a bearer
 * token required. The instance's addresses (networkIP, natIP) are a loopback
 * address, so a test's sshd answers for it. As the guest agent does, the
 * public keys of an instance's "ssh-keys" metadata can be written to an
 * authorized_keys file while it runs. Hooks inject errors (quota at instance
 * creation, an operation error at image creation, ...).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';

type Json = Record<string, unknown>;

/** Options of {@link startFakeComputeEngine}. */
export interface FakeComputeOptions {
  /** The address instances report as networkIP and natIP (default 127.0.0.1). */
  instanceAddress?: string;
  /** Write the ssh-keys of running instances here (as the guest agent would); removed when they stop. */
  authorizedKeysFile?: string;
}

/** An error a hook injects: at the call (HTTP) or in the operation it starts. */
export interface InjectedError {
  /** "instances.insert", "images.insert", "instances.stop", ... */
  call: string;
  at: 'http' | 'operation';
  /** HTTP status (at: http) ... */
  status?: number;
  /** ... or the operation error code, e.g. QUOTA_EXCEEDED. */
  code: string;
  message: string;
}

interface Op {
  body: Json;
  polls: number;
  effect: () => void;
  failure?: InjectedError;
  held?: boolean;
}

/** A running fake; `url` is what custom_endpoints.compute takes. */
export interface FakeComputeEngine {
  url: string;
  /** Every request, "METHOD path". */
  requests: string[];
  /** Adds an image (a public one in its project, e.g. ubuntu-os-cloud). */
  addImage(project: string, name: string, family?: string): void;
  /** The next matching call fails as described (once). */
  inject(e: InjectedError): void;
  /** The operation of the next matching call ("images.insert") stays RUNNING until the fake closes. */
  hold(call: string): void;
  /** Resource names by kind in a project (as its list calls would return them). */
  names(project: string): { instances: string[]; disks: string[]; images: string[] };
  close(): Promise<void>;
}

const notFound = (path: string) => ({
  status: 404,
  body: envelope(404, `The resource '${path}' was not found`, 'notFound'),
});

function envelope(code: number, message: string, reason: string): Json {
  return { error: { code, message, errors: [{ message, domain: 'global', reason }] } };
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly reason: string,
  ) {
    super(message);
  }
}

/** Starts the fake on 127.0.0.1 (a free port). */
export async function startFakeComputeEngine(o: FakeComputeOptions = {}): Promise<FakeComputeEngine> {
  const address = o.instanceAddress ?? '127.0.0.1';
  const images = new Map<string, Json>(); // "project/name"
  const instances = new Map<string, Json>(); // "project/zone/name"
  const disks = new Map<string, Json>(); // "project/zone/name"
  const ops = new Map<string, Op>(); // "project/zone-or-global/name"
  const injected: InjectedError[] = [];
  const holds: string[] = [];
  const requests: string[] = [];
  let base = '';
  const link = (path: string) => `${base}/compute/v1/${path}`;
  const fingerprint = () => randomBytes(8).toString('base64');
  const now = () => new Date().toISOString();
  const id = () => String(BigInt(`0x${randomBytes(7).toString('hex')}`));

  const takeInjected = (call: string, at: 'http' | 'operation') => {
    const i = injected.findIndex((e) => e.call === call && e.at === at);
    return i < 0 ? undefined : injected.splice(i, 1)[0];
  };

  const agentKeys = new Map<string, string[]>();
  const syncAuthorizedKeys = () => {
    const file = o.authorizedKeysFile;
    if (!file) return;
    const mine = new Set([...agentKeys.values()].flat());
    const ours = (line: string) => line.endsWith(' kiln-fake-agent');
    const kept = readFileSync(file, 'utf8')
      .split('\n')
      .filter((l) => l.trim() && !ours(l));
    const text = [...kept, ...[...mine].map((k) => `${k} kiln-fake-agent`)].join('\n');
    const tmp = join(dirname(file), `.authorized_keys.${process.pid}.${randomUUID()}`);
    writeFileSync(tmp, `${text}\n`);
    renameSync(tmp, file);
  };
  const setAgent = (key: string, inst: Json | undefined) => {
    if (!o.authorizedKeysFile) return;
    const items =
      ((inst?.metadata as Json | undefined)?.items as { key: string; value: string }[] | undefined) ?? [];
    const keys = items
      .filter((i) => i.key === 'ssh-keys')
      .flatMap((i) => i.value.split('\n'))
      .map((l) => l.replace(/^[^:\s]+:/, '').trim())
      .filter(Boolean)
      .map((l) => l.split(/\s+/).slice(0, 2).join(' '));
    if (inst && keys.length) agentKeys.set(key, keys);
    else agentKeys.delete(key);
    syncAuthorizedKeys();
  };

  function startOp(
    project: string,
    zone: string | undefined,
    type: string,
    target: string,
    call: string,
    effect: () => void,
  ): Json {
    const name = `operation-${Date.now()}-${randomUUID().slice(0, 8)}`;
    const scope = zone ? `projects/${project}/zones/${zone}` : `projects/${project}/global`;
    const body: Json = {
      kind: 'compute#operation',
      id: id(),
      name,
      operationType: type,
      targetLink: link(target),
      status: 'PENDING',
      progress: 0,
      insertTime: now(),
      selfLink: link(`${scope}/operations/${name}`),
      ...(zone ? { zone: link(`projects/${project}/zones/${zone}`) } : {}),
    };
    const failure = takeInjected(call, 'operation');
    const held = holds.indexOf(call);
    if (held >= 0) holds.splice(held, 1);
    ops.set(`${project}/${zone ?? 'global'}/${name}`, {
      body,
      polls: 0,
      effect,
      ...(failure ? { failure } : {}),
      ...(held >= 0 ? { held: true } : {}),
    });
    return { ...body };
  }

  /** Each poll moves an operation one state on; at DONE its effect (or its injected error) happens. */
  function pollOp(op: Op): Json {
    op.polls++;
    if (op.body.status === 'PENDING')
      op.body = { ...op.body, status: 'RUNNING', startTime: now(), progress: 50 };
    else if (op.body.status === 'RUNNING' && !op.held) {
      op.body = { ...op.body, status: 'DONE', endTime: now(), progress: 100 };
      if (op.failure) {
        op.body.error = { errors: [{ code: op.failure.code, message: op.failure.message }] };
        op.body.httpErrorStatusCode = op.failure.status ?? 400;
        op.body.httpErrorMessage = 'BAD REQUEST';
      } else {
        try {
          op.effect();
        } catch (e) {
          const he = e as HttpError;
          op.body.error = { errors: [{ code: he.reason ?? 'INTERNAL', message: he.message }] };
          op.body.httpErrorStatusCode = he.status ?? 500;
        }
      }
    }
    return { ...op.body };
  }

  /** Resolves a source image reference: a URL, "projects/p/global/images/x" or ".../images/family/f". */
  function resolveImage(ref: string): Json {
    const m = /projects\/([^/]+)\/global\/images\/(family\/)?([^/?]+)$/.exec(ref);
    if (!m)
      throw new HttpError(
        400,
        `Invalid value for field 'resource.disks[0].initializeParams.sourceImage': '${ref}'.`,
        'invalid',
      );
    const img = m[2] ? fromFamily(m[1] ?? '', m[3] ?? '') : images.get(`${m[1]}/${m[3]}`);
    if (!img) throw new HttpError(404, `The resource '${ref}' was not found`, 'notFound');
    return img;
  }
  function fromFamily(project: string, family: string): Json | undefined {
    return [...images.entries()]
      .filter(
        ([k, v]) =>
          k.startsWith(`${project}/`) && v.family === family && v.status === 'READY' && !v.deprecated,
      )
      .map(([, v]) => v)
      .sort((a, b) => String(b.creationTimestamp).localeCompare(String(a.creationTimestamp)))[0];
  }

  /** list's filter: terms `labels.k = "v"`, `labels.k:*`, `name = "x"`, joined by AND, in optional parentheses. */
  function matches(r: Json, filter: string | null): boolean {
    if (!filter) return true;
    return filter
      .split(/\s+AND\s+/i)
      .map((t) =>
        t
          .trim()
          .replace(/^\(+|\)+$/g, '')
          .trim(),
      )
      .every((t) => {
        const has = /^labels\.([\w-]+):\*$/.exec(t);
        if (has) return ((r.labels as Json | undefined) ?? {})[has[1] ?? ''] !== undefined;
        const eq = /^(labels\.)?([\w-]+)\s*=\s*"?([^"]*)"?$/.exec(t);
        if (!eq) throw new HttpError(400, `Invalid list filter expression '${t}'.`, 'invalid');
        const v = eq[1] ? ((r.labels as Json | undefined) ?? {})[eq[2] ?? ''] : r[eq[2] ?? ''];
        return v === eq[3];
      });
  }
  const listOf = (map: Map<string, Json>, prefix: string, kind: string, filter: string | null) => ({
    kind,
    items: [...map.entries()]
      .filter(([k, v]) => k.startsWith(prefix) && matches(v, filter))
      .map(([, v]) => v),
  });

  const advanceInstance = (key: string, inst: Json) => {
    const next: Record<string, string> = {
      PROVISIONING: 'STAGING',
      STAGING: 'RUNNING',
      STOPPING: 'TERMINATED',
    };
    const to = next[String(inst.status)];
    if (!to) return;
    inst.status = to;
    if (to === 'RUNNING') setAgent(key, inst);
    if (to === 'TERMINATED') setAgent(key, undefined);
  };

  function route(
    method: string,
    path: string,
    query: URLSearchParams,
    body: Json,
  ): { status: number; body: Json } {
    const p = /^\/compute\/v1\/projects\/([^/]+)\/(.*)$/.exec(path);
    if (!p) return notFound(path);
    const project = p[1] ?? '';
    const rest = p[2] ?? '';
    let m: RegExpExecArray | null;
    const call = (name: string) => {
      const e = takeInjected(name, 'http');
      if (e) throw new HttpError(e.status ?? 403, e.message, e.code);
    };
    // Operations.
    m = /^(?:zones\/([^/]+)|global)\/operations\/([^/]+)$/.exec(rest);
    if (m && method === 'GET') {
      const op = ops.get(`${project}/${m[1] ?? 'global'}/${m[2]}`);
      return op ? { status: 200, body: pollOp(op) } : notFound(`projects/${project}/${rest}`);
    }
    // Images.
    if (rest === 'global/images' && method === 'GET')
      return { status: 200, body: listOf(images, `${project}/`, 'compute#imageList', query.get('filter')) };
    m = /^global\/images\/family\/([^/]+)$/.exec(rest);
    if (m && method === 'GET') {
      const img = fromFamily(project, m[1] ?? '');
      return img ? { status: 200, body: img } : notFound(`projects/${project}/global/images/family/${m[1]}`);
    }
    if (rest === 'global/images' && method === 'POST') {
      call('images.insert');
      const name = String(body.name ?? '');
      if (!/^[a-z](?:[-a-z0-9]{0,61}[a-z0-9])?$/.test(name))
        throw new HttpError(
          400,
          `Invalid value for field 'resource.name': '${name}'. Must be a match of regex '(?:[a-z](?:[-a-z0-9]{0,61}[a-z0-9])?)'`,
          'invalid',
        );
      if (images.has(`${project}/${name}`))
        throw new HttpError(
          409,
          `The resource 'projects/${project}/global/images/${name}' already exists`,
          'alreadyExists',
        );
      const target = `projects/${project}/global/images/${name}`;
      return {
        status: 200,
        body: startOp(project, undefined, 'insert', target, 'images.insert', () => {
          const src = /projects\/([^/]+)\/zones\/([^/]+)\/disks\/([^/]+)$/.exec(
            String(body.sourceDisk ?? ''),
          );
          const disk = src ? disks.get(`${src[1]}/${src[2]}/${src[3]}`) : undefined;
          if (!disk)
            throw new HttpError(404, `The resource '${body.sourceDisk}' was not found`, 'RESOURCE_NOT_FOUND');
          const user = (disk.users as string[] | undefined)?.[0];
          const inst = user
            ? instances.get(
                user
                  .split('/compute/v1/projects/')[1]
                  ?.replace(/\/zones\//, '/')
                  .replace(/\/instances\//, '/') ?? '',
              )
            : undefined;
          if (inst && inst.status !== 'TERMINATED')
            throw new HttpError(
              400,
              `The disk resource '${body.sourceDisk}' is already being used by '${user}'`,
              'RESOURCE_IN_USE_BY_ANOTHER_RESOURCE',
            );
          images.set(`${project}/${name}`, {
            kind: 'compute#image',
            id: id(),
            creationTimestamp: now(),
            ...body,
            status: 'READY',
            diskSizeGb: disk.sizeGb,
            sourceDiskId: disk.id,
            labels: (body.labels as Json | undefined) ?? {},
            labelFingerprint: fingerprint(),
            selfLink: link(target),
          });
        }),
      };
    }
    m = /^global\/images\/([^/]+)\/setLabels$/.exec(rest);
    if (m && method === 'POST') {
      const img = images.get(`${project}/${m[1]}`);
      if (!img) return notFound(`projects/${project}/global/images/${m[1]}`);
      if (body.labelFingerprint !== img.labelFingerprint)
        throw new HttpError(
          412,
          'Labels fingerprint either invalid or resource labels have changed',
          'conditionNotMet',
        );
      return {
        status: 200,
        body: startOp(
          project,
          undefined,
          'setLabels',
          `projects/${project}/global/images/${m[1]}`,
          'images.setLabels',
          () => {
            img.labels = (body.labels as Json | undefined) ?? {};
            img.labelFingerprint = fingerprint();
          },
        ),
      };
    }
    m = /^global\/images\/([^/]+)$/.exec(rest);
    if (m) {
      const key = `${project}/${m[1]}`;
      const img = images.get(key);
      if (!img) return notFound(`projects/${project}/global/images/${m[1]}`);
      if (method === 'GET') return { status: 200, body: img };
      if (method === 'DELETE') {
        call('images.delete');
        return {
          status: 200,
          body: startOp(
            project,
            undefined,
            'delete',
            `projects/${project}/global/images/${m[1]}`,
            'images.delete',
            () => images.delete(key),
          ),
        };
      }
    }
    // Disks.
    m = /^zones\/([^/]+)\/disks$/.exec(rest);
    if (m && method === 'GET')
      return {
        status: 200,
        body: listOf(disks, `${project}/${m[1]}/`, 'compute#diskList', query.get('filter')),
      };
    m = /^zones\/([^/]+)\/disks\/([^/]+)$/.exec(rest);
    if (m) {
      const key = `${project}/${m[1]}/${m[2]}`;
      const disk = disks.get(key);
      if (!disk) return notFound(`projects/${project}/zones/${m[1]}/disks/${m[2]}`);
      if (method === 'GET') return { status: 200, body: disk };
      if (method === 'DELETE') {
        call('disks.delete');
        const users = (disk.users as string[] | undefined) ?? [];
        if (users.length)
          throw new HttpError(
            400,
            `The disk resource '${disk.selfLink}' is already being used by '${users[0]}'`,
            'resourceInUseByAnotherResource',
          );
        return {
          status: 200,
          body: startOp(
            project,
            m[1],
            'delete',
            `projects/${project}/zones/${m[1]}/disks/${m[2]}`,
            'disks.delete',
            () => disks.delete(key),
          ),
        };
      }
    }
    // Instances.
    m = /^zones\/([^/]+)\/instances$/.exec(rest);
    if (m) {
      const zone = m[1] ?? '';
      if (method === 'GET') {
        for (const [k, v] of instances) if (k.startsWith(`${project}/${zone}/`)) advanceInstance(k, v);
        return {
          status: 200,
          body: listOf(instances, `${project}/${zone}/`, 'compute#instanceList', query.get('filter')),
        };
      }
      if (method === 'POST') {
        call('instances.insert');
        return { status: 200, body: insertInstance(project, zone, body) };
      }
    }
    m = /^zones\/([^/]+)\/instances\/([^/]+)(?:\/(stop|start|setMetadata))?$/.exec(rest);
    if (m) {
      const zone = m[1] ?? '';
      const key = `${project}/${zone}/${m[2]}`;
      const target = `projects/${project}/zones/${zone}/instances/${m[2]}`;
      const inst = instances.get(key);
      if (!inst) return notFound(target);
      const verb = m[3];
      if (!verb && method === 'GET') {
        advanceInstance(key, inst);
        return { status: 200, body: inst };
      }
      if (verb === 'stop' && method === 'POST') {
        call('instances.stop');
        return {
          status: 200,
          body: startOp(project, zone, 'stop', target, 'instances.stop', () => {
            inst.status = 'STOPPING';
          }),
        };
      }
      if (verb === 'setMetadata' && method === 'POST') {
        const md = inst.metadata as Json;
        if (body.fingerprint !== md.fingerprint)
          throw new HttpError(
            412,
            'Supplied fingerprint does not match current metadata fingerprint.',
            'conditionNotMet',
          );
        return {
          status: 200,
          body: startOp(project, zone, 'setMetadata', target, 'instances.setMetadata', () => {
            inst.metadata = { kind: 'compute#metadata', items: body.items ?? [], fingerprint: fingerprint() };
            if (inst.status === 'RUNNING') setAgent(key, inst);
          }),
        };
      }
      if (!verb && method === 'DELETE') {
        call('instances.delete');
        return {
          status: 200,
          body: startOp(project, zone, 'delete', target, 'instances.delete', () => {
            instances.delete(key);
            setAgent(key, undefined);
            for (const d of (inst.disks as Json[] | undefined) ?? []) {
              const dk = `${project}/${zone}/${d.deviceName}`;
              if (d.autoDelete) disks.delete(dk);
              else {
                const disk = disks.get(dk);
                if (disk) disk.users = [];
              }
            }
          }),
        };
      }
    }
    return notFound(`projects/${project}/${rest}`);
  }

  function insertInstance(project: string, zone: string, body: Json): Json {
    const name = String(body.name ?? '');
    if (!/^[a-z](?:[-a-z0-9]{0,61}[a-z0-9])?$/.test(name))
      throw new HttpError(
        400,
        `Invalid value for field 'resource.name': '${name}'. Must be a match of regex '(?:[a-z](?:[-a-z0-9]{0,61}[a-z0-9])?)'`,
        'invalid',
      );
    if (instances.has(`${project}/${zone}/${name}`))
      throw new HttpError(
        409,
        `The resource 'projects/${project}/zones/${zone}/instances/${name}' already exists`,
        'alreadyExists',
      );
    const bootSpec = ((body.disks as Json[] | undefined) ?? [])[0];
    const init = (bootSpec?.initializeParams as Json | undefined) ?? {};
    const diskName = String(init.diskName ?? name);
    if (disks.has(`${project}/${zone}/${diskName}`))
      throw new HttpError(
        409,
        `The resource 'projects/${project}/zones/${zone}/disks/${diskName}' already exists`,
        'alreadyExists',
      );
    const source = resolveImage(String(init.sourceImage ?? ''));
    const target = `projects/${project}/zones/${zone}/instances/${name}`;
    return startOp(project, zone, 'insert', target, 'instances.insert', () => {
      const diskLink = link(`projects/${project}/zones/${zone}/disks/${diskName}`);
      disks.set(`${project}/${zone}/${diskName}`, {
        kind: 'compute#disk',
        id: id(),
        creationTimestamp: now(),
        name: diskName,
        sizeGb: String(init.diskSizeGb ?? source.diskSizeGb ?? '10'),
        type: link(
          String(init.diskType ?? `projects/${project}/zones/${zone}/diskTypes/pd-standard`).replace(
            /^.*?(zones\/)/,
            `projects/${project}/$1`,
          ),
        ),
        sourceImage: source.selfLink,
        status: 'READY',
        labels: (init.labels as Json | undefined) ?? {},
        labelFingerprint: fingerprint(),
        zone: link(`projects/${project}/zones/${zone}`),
        users: [link(target)],
        selfLink: diskLink,
      });
      const nic = ((body.networkInterfaces as Json[] | undefined) ?? [{}])[0] ?? {};
      const access = ((nic.accessConfigs as Json[] | undefined) ?? []).map((a) => ({ ...a, natIP: address }));
      instances.set(`${project}/${zone}/${name}`, {
        kind: 'compute#instance',
        id: id(),
        creationTimestamp: now(),
        ...body,
        status: 'PROVISIONING',
        zone: link(`projects/${project}/zones/${zone}`),
        disks: [
          {
            ...bootSpec,
            initializeParams: undefined,
            source: diskLink,
            deviceName: diskName,
            boot: true,
            index: 0,
          },
        ],
        networkInterfaces: [{ ...nic, name: 'nic0', networkIP: address, accessConfigs: access }],
        metadata: {
          kind: 'compute#metadata',
          items: (body.metadata as Json | undefined)?.items ?? [],
          fingerprint: fingerprint(),
        },
        labels: (body.labels as Json | undefined) ?? {},
        labelFingerprint: fingerprint(),
        selfLink: link(target),
      });
    });
  }

  function handle(req: IncomingMessage, res: ServerResponse, text: string) {
    const url = new URL(req.url ?? '/', base);
    requests.push(`${req.method} ${url.pathname}`);
    const send = (status: number, body: Json) => {
      res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8' });
      res.end(JSON.stringify(body));
    };
    if (!/^Bearer \S+/.test(req.headers.authorization ?? ''))
      return send(
        401,
        envelope(
          401,
          'Request is missing required authentication credential. Expected OAuth 2 access token.',
          'required',
        ),
      );
    try {
      const body = text ? (JSON.parse(text) as Json) : {};
      const r = route(req.method ?? 'GET', url.pathname, url.searchParams, body);
      send(r.status, r.body);
    } catch (e) {
      if (e instanceof HttpError) return send(e.status, envelope(e.status, e.message, e.reason));
      send(500, envelope(500, (e as Error).message, 'backendError'));
    }
  }

  const server: Server = createServer((req, res) => {
    let text = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => {
      text += c;
    });
    req.on('end', () => handle(req, res, text));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const fake: FakeComputeEngine = {
    url: `${base}/`,
    requests,
    addImage(project, name, family) {
      images.set(`${project}/${name}`, {
        kind: 'compute#image',
        id: id(),
        creationTimestamp: now(),
        name,
        ...(family ? { family } : {}),
        status: 'READY',
        diskSizeGb: '10',
        labels: {},
        labelFingerprint: fingerprint(),
        selfLink: link(`projects/${project}/global/images/${name}`),
      });
    },
    inject(e) {
      injected.push(e);
    },
    hold(call) {
      holds.push(call);
    },
    names(project) {
      const of = (m: Map<string, Json>) =>
        [...m.keys()].filter((k) => k.startsWith(`${project}/`)).map((k) => k.split('/').pop() ?? '');
      return { instances: of(instances), disks: of(disks), images: of(images) };
    },
    async close() {
      agentKeys.clear();
      if (o.authorizedKeysFile) syncAuthorizedKeys();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  fake.addImage('ubuntu-os-cloud', 'ubuntu-1404-trusty-v20160114e', 'ubuntu-1404-lts');
  fake.addImage('ubuntu-os-cloud', 'ubuntu-2204-jammy-v20240110', 'ubuntu-2204-lts');
  fake.addImage('debian-cloud', 'debian-12-bookworm-v20240110', 'debian-12');
  return fake;
}
