import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import {
  ansibleImage,
  ansibleMissing,
  busyboxImage,
  kilnSlow,
  leftovers,
  sshdKey,
  sshdPort,
  withAnsible,
} from './ansible-helpers.js';
import { hasStackTrace, kiln, startKiln, waitFor, withTemplate } from './cli-helpers.js';

const dockerSource = (image: string, extra = 'discard = true') => `
source "docker" "t" {
  image = "${image}"
  pull  = false
  ${extra}
}`;

const rawPlay = (tasks: string[]) =>
  `- hosts: all\n  gather_facts: false\n  tasks:\n${tasks.map((t) => `    - raw: ${t}\n`).join('')}`;

/** Runs `kiln build` in `dir` and asserts that it left nothing behind. */
async function build(dir: string, env: NodeJS.ProcessEnv = withAnsible(dir), args: string[] = []) {
  const before = leftovers(dir);
  const r = await kilnSlow(['build', ...args, 't.pkr.hcl'], dir, env);
  // The docker plugin's reaper outlives kiln by a moment.
  await waitFor(() => leftovers(dir, before).processes.length === 0, 10_000, 'processes to end').catch(
    () => {},
  );
  assert.deepEqual(leftovers(dir, before), { tempDirs: [], processes: [], containers: [] }, 'left behind');
  assert.ok(!hasStackTrace(r.stdout + r.stderr), r.stdout + r.stderr);
  return r;
}

function imageFile(image: string, path: string): string {
  return execFileSync('docker', ['run', '--rm', '--entrypoint', '/bin/cat', image, path], {
    encoding: 'utf8',
  });
}

function committedImage(stdout: string): string {
  const m = /Imported Docker image: (sha256:[0-9a-f]+)/.exec(stdout);
  assert.ok(m, stdout);
  return m[1]!;
}

// The suites share the Docker Engine and the leftover checks: one at a time.
describe('ansible and ansible-local provisioners', { concurrency: 1 }, () => {
  describe('ansible provisioner through the SSH proxy (docker builder)', {
    skip: ansibleMissing({ docker: true, python: true }),
    timeout: 1_500_000,
  }, () => {
    it('runs raw tasks in a busybox container, with the build variables', async () => {
      await withTemplate(
        {
          't.pkr.hcl': `${dockerSource(busyboxImage)}
build {
  sources = ["source.docker.t"]
  provisioner "ansible" {
    playbook_file   = "play.yml"
    extra_arguments = ["-v"]
    groups          = ["web"]
    empty_groups  = ["db"]
  }
}`,
          'play.yml': `${rawPlay(['echo "name={{ packer_build_name }} type={{ packer_builder_type }}"'])}
- hosts: web
  gather_facts: false
  tasks:
    - raw: echo in-group-web
`,
        },
        async (dir) => {
          const r = await build(dir);
          assert.equal(r.code, 0, r.stdout + r.stderr);
          assert.match(r.stdout, /==> docker\.t: Setting up proxy adapter for Ansible/);
          assert.match(r.stdout, /"stdout": "name=docker\.t type=docker/);
          assert.match(r.stdout, /"stdout": "in-group-web/);
          assert.match(r.stdout, /docker\.t: default +: ok=2 +changed=2 +unreachable=0 +failed=0/);
        },
      );
    });

    it('runs real modules (copy, template, lineinfile, fetch, a role from a local path) in a python image', async () => {
      await withTemplate(
        {
          't.pkr.hcl': `${dockerSource(ansibleImage, 'commit = true')}
build {
  sources = ["source.docker.t"]
  provisioner "ansible" {
    playbook_file = "play.yml"
    extra_arguments = ["--extra-vars", "greeting=hello"]
  }
}`,
          'play.yml': `- hosts: all
  gather_facts: true
  roles:
    - greeter
  tasks:
    - copy: { src: data.txt, dest: /opt/data.txt, mode: "0640" }
    - template: { src: motd.j2, dest: /etc/motd-kiln }
    - lineinfile: { path: /etc/motd-kiln, line: "added by lineinfile" }
    - fetch: { src: /etc/motd-kiln, dest: fetched/motd, flat: true }
`,
          'data.txt': 'payload\n',
          'motd.j2': '{{ greeting }} from {{ ansible_distribution }}\n',
        },
        async (dir) => {
          mkdirSync(join(dir, 'roles', 'greeter', 'tasks'), { recursive: true });
          writeFileSync(
            join(dir, 'roles', 'greeter', 'tasks', 'main.yml'),
            '- copy: { content: "role was here\\n", dest: /opt/role.txt }\n',
          );
          const r = await build(dir);
          assert.equal(r.code, 0, r.stdout + r.stderr);
          const image = committedImage(r.stdout);
          try {
            assert.equal(imageFile(image, '/opt/data.txt'), 'payload\n');
            assert.equal(imageFile(image, '/opt/role.txt'), 'role was here\n');
            assert.equal(imageFile(image, '/etc/motd-kiln'), 'hello from Debian\nadded by lineinfile\n');
            assert.equal(
              readFileSync(join(dir, 'fetched', 'motd'), 'utf8'),
              'hello from Debian\nadded by lineinfile\n',
            );
          } finally {
            spawnSync('docker', ['rmi', '-f', image], { stdio: 'ignore' });
          }
        },
      );
    });

    it('installs a role from a local tarball with galaxy_file into roles_path', async () => {
      await withTemplate(
        {
          't.pkr.hcl': `${dockerSource(busyboxImage)}
build {
  sources = ["source.docker.t"]
  provisioner "ansible" {
    playbook_file        = "play.yml"
    galaxy_file          = "requirements.yml"
    roles_path           = "galaxy-roles"
    galaxy_force_install = true
    extra_arguments      = ["-v"]
    ansible_env_vars     = ["ANSIBLE_ROLES_PATH=galaxy-roles"]
  }
}`,
          'play.yml': '- hosts: all\n  gather_facts: false\n  roles:\n    - tarred\n',
        },
        async (dir) => {
          mkdirSync(join(dir, 'src', 'tarred', 'tasks'), { recursive: true });
          mkdirSync(join(dir, 'src', 'tarred', 'meta'), { recursive: true });
          writeFileSync(join(dir, 'src', 'tarred', 'tasks', 'main.yml'), '- raw: echo role-from-tarball\n');
          writeFileSync(
            join(dir, 'src', 'tarred', 'meta', 'main.yml'),
            'galaxy_info:\n  author: kiln\n  description: test role\n  license: MIT\n  min_ansible_version: "2.9"\n  platforms: []\n',
          );
          execFileSync('tar', ['-czf', join(dir, 'tarred.tar.gz'), '-C', join(dir, 'src'), 'tarred']);
          writeFileSync(
            join(dir, 'requirements.yml'),
            `roles:\n  - src: file://${join(dir, 'tarred.tar.gz')}\n    name: tarred\n`,
          );
          const r = await build(dir);
          assert.equal(r.code, 0, r.stdout + r.stderr);
          assert.match(
            r.stdout,
            /==> docker\.t: Executing Ansible Galaxy: ansible-galaxy install -r requirements\.yml -f -p galaxy-roles/,
          );
          assert.match(r.stdout, /"stdout": "role-from-tarball/);
          assert.ok(
            readFileSync(join(dir, 'galaxy-roles', 'tarred', 'tasks', 'main.yml'), 'utf8').includes(
              'role-from-tarball',
            ),
          );
        },
      );
    });

    it('a failed play fails the provisioner with the play recap; a missing playbook is reported at its attribute', async () => {
      await withTemplate(
        {
          't.pkr.hcl': `${dockerSource(busyboxImage)}
build {
  sources = ["source.docker.t"]
  provisioner "ansible" {
    playbook_file = "play.yml"
  }
}`,
          'play.yml': rawPlay(['echo before', 'exit 3', 'echo never']),
        },
        async (dir) => {
          const r = await build(dir);
          assert.equal(r.code, 1);
          assert.match(
            r.stdout + r.stderr,
            /Ansible's play play\.yml failed \(ansible-playbook exit status 2\)/,
          );
          assert.match(
            r.stdout + r.stderr,
            /PLAY RECAP:\n\s+default +: ok=1 +changed=1 +unreachable=0 +failed=1/,
          );
          assert.doesNotMatch(r.stdout, /never/);

          writeFileSync(
            join(dir, 't.pkr.hcl'),
            readFileSync(join(dir, 't.pkr.hcl'), 'utf8').replace('"play.yml"', '"nope.yml"'),
          );
          const v = await kiln(['validate', 't.pkr.hcl'], dir, withAnsible(dir));
          assert.equal(v.code, 1);
          assert.match(v.stdout + v.stderr, /playbook_file: nope\.yml does not exist/);
          assert.match(v.stdout + v.stderr, /on t\.pkr\.hcl line \d+/);
          assert.ok(!hasStackTrace(v.stdout + v.stderr));
        },
      );
    });

    it('says how to install ansible-playbook when it is not on PATH', async () => {
      await withTemplate(
        {
          't.pkr.hcl': `${dockerSource(busyboxImage)}
build {
  sources = ["source.docker.t"]
  provisioner "ansible" {
    playbook_file = "play.yml"
  }
}`,
          'play.yml': rawPlay(['true']),
        },
        async (dir) => {
          const r = await kiln(
            ['validate', 't.pkr.hcl'],
            dir,
            withAnsible(dir, '/usr/sbin:/usr/bin:/sbin:/bin'),
          );
          assert.equal(r.code, 1);
          assert.match(
            r.stdout + r.stderr,
            /ansible-playbook was not found on PATH: install Ansible on this machine/,
          );
          assert.ok(!hasStackTrace(r.stdout + r.stderr));
        },
      );
    });

    it('says that the build has no communicator when the proxy cannot run commands', async () => {
      await withTemplate(
        {
          't.pkr.hcl': `source "null" "n" {}
build {
  sources = ["source.null.n"]
  provisioner "ansible" {
    playbook_file = "play.yml"
  }
}`,
          'play.yml': rawPlay(['echo hi']),
        },
        async (dir) => {
          const r = await build(dir);
          assert.equal(r.code, 1);
          assert.match(
            r.stdout + r.stderr,
            /The SSH proxy could not reach the machine through the communicator:/,
          );
          assert.match(r.stdout + r.stderr, /this build has no communicator \(communicator = "none"\)/);
        },
      );
    });

    it('Ctrl-C during a play stops Ansible and leaves nothing behind', async () => {
      await withTemplate(
        {
          't.pkr.hcl': `${dockerSource(busyboxImage)}
build {
  sources = ["source.docker.t"]
  provisioner "ansible" {
    playbook_file = "play.yml"
  }
}`,
          'play.yml': rawPlay(['echo started-sleeping', 'sleep 60']),
          'ansible.cfg': '[defaults]\nverbosity = 1\n',
        },
        async (dir) => {
          const before = leftovers(dir);
          const run = startKiln(['build', 't.pkr.hcl'], dir, withAnsible(dir));
          await waitFor(() => run.stdout().includes('started-sleeping'), 100_000, 'the play to start');
          await new Promise((r) => setTimeout(r, 1000));
          run.child.kill('SIGINT');
          const r = await run.done;
          assert.notEqual(r.code, 0);
          assert.match(r.stdout + r.stderr, /cancelled/i);
          await waitFor(() => leftovers(dir, before).processes.length === 0, 10_000, 'no ansible processes');
          assert.deepEqual(leftovers(dir, before), { tempDirs: [], processes: [], containers: [] });
        },
      );
    });
  });

  describe('ansible provisioner against the loopback sshd (the null builder SSH communicator)', {
    skip: ansibleMissing({ sshd: true }),
    timeout: 900_000,
  }, () => {
    it('connects to the SSH host and port with the communicator key; an unreachable host is named', async () => {
      const target = `/tmp/kiln-e2e-ansible-${process.pid}.txt`;
      const source = `
source "null" "ssh" {
  communicator         = "ssh"
  ssh_host             = "127.0.0.1"
  ssh_port             = ${sshdPort}
  ssh_username         = "root"
  ssh_private_key_file = "${sshdKey}"
}`;
      await withTemplate(
        {
          't.pkr.hcl': `${source}
build {
  sources = ["source.null.ssh"]
  provisioner "ansible" {
    playbook_file   = "play.yml"
    use_proxy       = false
    extra_arguments = ["-v"]
  }
}`,
          'play.yml': `- hosts: all
  gather_facts: false
  vars: { ansible_python_interpreter: /usr/bin/python3 }
  tasks:
    - raw: echo "user=$(id -un)"
    - copy: { content: "direct\\n", dest: "${target}" }
`,
        },
        async (dir) => {
          try {
            const r = await build(dir);
            assert.equal(r.code, 0, r.stdout + r.stderr);
            assert.match(r.stdout, /Not using Proxy adapter for Ansible run/);
            assert.match(r.stdout, new RegExp(`ansible_ssh_private_key_file=${sshdKey}`));
            assert.match(r.stdout, /"stdout": "user=root/);
            assert.equal(readFileSync(target, 'utf8'), 'direct\n');

            writeFileSync(
              join(dir, 't.pkr.hcl'),
              readFileSync(join(dir, 't.pkr.hcl'), 'utf8').replace(
                'extra_arguments = ["-v"]',
                'extra_arguments = ["-e", "ansible_port=1"]',
              ),
            );
            const u = await build(dir);
            assert.equal(u.code, 1);
            assert.match(u.stdout + u.stderr, /Ansible could not reach host "default" \(127\.0\.0\.1:\d+\)/);
          } finally {
            rmSync(target, { force: true });
          }
        },
      );
    });
    it("through the proxy, sftp_command runs an sftp-server on the machine for transfers (Packer's way)", async () => {
      const target = `/tmp/kiln-e2e-ansible-sftp-${process.pid}.txt`;
      await withTemplate(
        {
          't.pkr.hcl': `
source "null" "ssh" {
  ssh_host             = "127.0.0.1"
  ssh_port             = ${sshdPort}
  ssh_username         = "root"
  ssh_private_key_file = "${sshdKey}"
}
build {
  sources = ["source.null.ssh"]
  provisioner "ansible" {
    playbook_file   = "play.yml"
    user            = "kiln-proxy-user"
    sftp_command    = "/usr/lib/openssh/sftp-server -e"
    extra_arguments = ["-vvv"]
  }
}`,
          'play.yml': `- hosts: all
  gather_facts: false
  vars: { ansible_python_interpreter: /usr/bin/python3 }
  tasks:
    - copy: { content: "through sftp-server\\n", dest: "${target}" }
`,
        },
        async (dir) => {
          try {
            const r = await build(dir);
            assert.equal(r.code, 0, r.stdout + r.stderr);
            assert.match(r.stdout, /ESTABLISH SSH CONNECTION FOR USER: kiln-proxy-user/);
            assert.match(r.stdout, /sftp> put /);
            assert.equal(readFileSync(target, 'utf8'), 'through sftp-server\n');
          } finally {
            rmSync(target, { force: true });
          }
        },
      );
    });
  });

  describe('ansible-local provisioner (a container with ansible-core)', {
    skip: ansibleMissing({ python: true }),
    timeout: 900_000,
  }, () => {
    it('uploads the playbook, roles, group_vars and inventory groups and runs ansible-playbook inside', async () => {
      await withTemplate(
        {
          't.pkr.hcl': `${dockerSource(ansibleImage, 'commit = true')}
build {
  sources = ["source.docker.t"]
  provisioner "ansible-local" {
    playbook_file           = "play.yml"
    role_paths              = ["roles/localrole"]
    group_vars              = "group_vars"
    inventory_groups        = ["app"]
    staging_directory       = "/tmp/kiln-staging"
    clean_staging_directory = true
    extra_arguments         = ["--extra-vars", "from_args=yes"]
  }
}`,
          'play.yml': `- hosts: app
  gather_facts: false
  roles:
    - localrole
  tasks:
    - copy: { content: "{{ group_value }} {{ from_args }} {{ packer_builder_type }}\\n", dest: /opt/local.txt }
`,
        },
        async (dir) => {
          mkdirSync(join(dir, 'roles', 'localrole', 'tasks'), { recursive: true });
          writeFileSync(
            join(dir, 'roles', 'localrole', 'tasks', 'main.yml'),
            '- copy: { content: "local role\\n", dest: /opt/role.txt }\n',
          );
          mkdirSync(join(dir, 'group_vars'));
          writeFileSync(join(dir, 'group_vars', 'app.yml'), 'group_value: from-group-vars\n');
          const r = await build(dir);
          assert.equal(r.code, 0, r.stdout + r.stderr);
          assert.match(
            r.stdout,
            /==> docker\.t: Executing Ansible: cd \/tmp\/kiln-staging && .*ansible-playbook/,
          );
          const image = committedImage(r.stdout);
          try {
            assert.equal(imageFile(image, '/opt/local.txt'), 'from-group-vars yes docker\n');
            assert.equal(imageFile(image, '/opt/role.txt'), 'local role\n');
            const staging = spawnSync('docker', [
              'run',
              '--rm',
              '--entrypoint',
              '/bin/ls',
              image,
              '/tmp/kiln-staging',
            ]);
            assert.notEqual(staging.status, 0, 'clean_staging_directory removes the staging directory');
          } finally {
            spawnSync('docker', ['rmi', '-f', image], { stdio: 'ignore' });
          }
        },
      );
    });

    it('installs galaxy_file roles on the machine from a tarball uploaded with playbook_dir', async () => {
      await withTemplate(
        {
          't.pkr.hcl': `${dockerSource(ansibleImage, 'commit = true')}
build {
  sources = ["source.docker.t"]
  provisioner "ansible-local" {
    playbook_dir      = "pb"
    playbook_file     = "pb/play.yml"
    galaxy_file       = "pb/requirements.yml"
    staging_directory = "/tmp/kiln-galaxy-staging"
  }
}`,
        },
        async (dir) => {
          mkdirSync(join(dir, 'src', 'tarred', 'tasks'), { recursive: true });
          mkdirSync(join(dir, 'src', 'tarred', 'meta'), { recursive: true });
          mkdirSync(join(dir, 'pb'));
          writeFileSync(
            join(dir, 'src', 'tarred', 'tasks', 'main.yml'),
            '- copy: { content: "galaxy role\\n", dest: /opt/galaxy.txt }\n',
          );
          writeFileSync(
            join(dir, 'src', 'tarred', 'meta', 'main.yml'),
            'galaxy_info:\n  author: kiln\n  license: MIT\n',
          );
          execFileSync('tar', ['-czf', join(dir, 'pb', 'tarred.tar.gz'), '-C', join(dir, 'src'), 'tarred']);
          writeFileSync(
            join(dir, 'pb', 'requirements.yml'),
            'roles:\n  - src: file:///tmp/kiln-galaxy-staging/tarred.tar.gz\n    name: tarred\n',
          );
          writeFileSync(
            join(dir, 'pb', 'play.yml'),
            '- hosts: all\n  gather_facts: false\n  roles:\n    - tarred\n',
          );
          const r = await build(dir);
          assert.equal(r.code, 0, r.stdout + r.stderr);
          assert.match(
            r.stdout,
            /Executing Ansible Galaxy: cd \/tmp\/kiln-galaxy-staging && ansible-galaxy install -r/,
          );
          const image = committedImage(r.stdout);
          try {
            assert.equal(imageFile(image, '/opt/galaxy.txt'), 'galaxy role\n');
          } finally {
            spawnSync('docker', ['rmi', '-f', image], { stdio: 'ignore' });
          }
        },
      );
    });

    it('says to install Ansible on the machine when ansible-playbook is not there', async () => {
      await withTemplate(
        {
          't.pkr.hcl': `${dockerSource(busyboxImage)}
build {
  sources = ["source.docker.t"]
  provisioner "ansible-local" {
    playbook_file = "play.yml"
  }
}`,
          'play.yml': rawPlay(['true']),
        },
        async (dir) => {
          const r = await build(dir, withAnsible(dir, process.env.PATH));
          assert.equal(r.code, 1);
          assert.match(
            r.stdout + r.stderr,
            /ansible-playbook could not be found on the machine: install Ansible there/,
          );
        },
      );
    });
  });
});
