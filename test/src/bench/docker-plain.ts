#!/usr/bin/env node
/**
 * The baseline for the seed-002 benchmark: the same Engine API calls a docker
 * build makes (create and start a container, exec the provisioner's commands,
 * commit with EXPOSE 3000, tag, remove the container), from a plain script.
 * Usage: node docker-plain.js REPOSITORY TAG
 */
import Docker from 'dockerode';

const [repository = 'kiln-bench/plain', tag = 'latest'] = process.argv.slice(2);
const docker = new Docker();
const container = await docker.createContainer({
  Image: 'kiln-test/busybox:latest',
  Entrypoint: ['/bin/sh'],
  Tty: true,
  OpenStdin: true,
});
try {
  await container.start();
  const exec = await container.exec({
    Cmd: ['/bin/sh', '-c', 'mkdir -p /var/code && cd /var/code && echo built > /var/code/proof'],
    AttachStdout: true,
    AttachStderr: true,
  });
  const stream = await exec.start({});
  await new Promise((resolve) => stream.on('end', resolve).resume());
  const { Id } = await container.commit({ author: 'Travis Thomsen', changes: 'EXPOSE 3000' });
  await docker.getImage(Id).tag({ repo: repository, tag });
} finally {
  await container.remove({ force: true });
}
