import { accessSync, constants } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Step, StepContext } from '@kiln/plugin-sdk';
import { probeKvm } from '../kvm-probe.js';
import { BUILD_MARK, OUTPUT_DIR_MARK, OWNER_MARK, RUN_MARK } from '../leftovers.js';
import { qemuArgs } from '../qemu-args.js';
import { connectQmp } from '../qmp.js';
import type { QemuBuildState } from '../state.js';
import { firstLayer, recordVm } from '../step-cache/run-dir.js';
import { removeEntries } from '../step-cache/store.js';
import { cacheVmArgs, resumeRestored } from '../step-cache/vm-state.js';
import { RfbClient } from '../vnc/rfb-client.js';

/** True when /dev/kvm can be opened (it may still not run guests: see the sign-of-life check). */
export function kvmDeviceUsable(): boolean {
  try {
    accessSync('/dev/kvm', constants.R_OK | constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** Data the {{ .Name }} placeholders of boot_command and qemuargs see. */
export function templateData(state: QemuBuildState): Record<string, unknown> {
  return {
    HTTPIP: state.httpIp ?? '10.0.2.2',
    HTTPPort: state.httpPort ?? 0,
    HTTPDir: state.config.httpDirectory ?? '',
    Name: state.config.vmName,
    OutputDir: state.outputDir,
    SSHHostPort: state.sshHostPort ?? 0,
    SSHPublicKey: state.temporaryKey?.publicKey ?? '',
  };
}

async function connectVnc(state: QemuBuildState, ctx: StepContext): Promise<RfbClient> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const dead = state.vm?.exitReason();
    if (dead) throw new Error(dead);
    try {
      return await RfbClient.connect('127.0.0.1', state.vncPort!, ctx.signal);
    } catch (e) {
      if (ctx.signal.aborted || Date.now() > deadline)
        throw new Error(`Cannot connect to QEMU's VNC on port ${state.vncPort}: ${(e as Error).message}`);
      await sleep(100, undefined, { signal: ctx.signal });
    }
  }
}

/**
 * Starts QEMU. With -cache, connects its monitor and, when the build starts
 * from an entry, lets the VM run from the loaded state; a state that does
 * not load is a miss: the build starts again from scratch.
 */
async function launch(state: QemuBuildState, accelerator: string, ctx: StepContext): Promise<void> {
  const run = state.cacheRun;
  try {
    await launchOnce(state, accelerator, ctx);
    if (!run) return;
    run.qmp = await connectQmp(run.qmpPath, { alive: () => state.vm?.exitReason(), signal: ctx.signal });
    if (run.restoring) {
      await resumeRestored(run, state.driver, ctx.signal);
      state.restoredKey = run.restoring.key;
      run.restoring = undefined;
    }
  } catch (e) {
    if (!run?.restoring || ctx.signal.aborted) throw e;
    const why = (e as Error).message.split('\n').slice(-1)[0];
    const key = run.restoring.key;
    ctx.ui.message(`Step cache entry ${key.slice(0, 12)} does not start (${why}); starting from scratch`);
    run.restoring = undefined;
    await stop(state);
    // Its state does not load: it is removed (with the entries made on it), and this run saves it again.
    await removeEntries(run.root, [key]).catch(() => undefined);
    await firstLayer(run, state.driver, state.config, state.isoPath!, ctx.signal);
    state.diskPath = run.activePath;
    await launch(state, accelerator, ctx);
  }
}

async function launchOnce(state: QemuBuildState, accelerator: string, ctx: StepContext): Promise<void> {
  const args = qemuArgs(state.config, {
    diskPath: state.diskPath!,
    ...(state.additionalDisks ? { additionalDisks: state.additionalDisks } : {}),
    ...(state.floppyPath ? { floppyPath: state.floppyPath } : {}),
    isoPath: state.isoPath!,
    accelerator,
    ...(state.sshHostPort !== undefined ? { sshHostPort: state.sshHostPort } : {}),
    vncPort: state.vncPort!,
    templateData: templateData(state),
  });
  if (state.cacheRun) args.push(...cacheVmArgs(state.cacheRun));
  state.log(`[INFO] Executing ${state.config.qemuBinary}: ${JSON.stringify(args)}`);
  state.accelerator = accelerator;
  state.vm = await state.driver.start(state.config.qemuBinary, args, state.log, {
    marks: vmMarks(state),
    mayOutlive: state.build.onError !== 'cleanup',
  });
  state.vmStartedAt = Date.now();
  if (state.cacheRun) await recordVm(state.cacheRun, state.vm.pid);
  state.vnc = await connectVnc(state, ctx);
}

/** The environment marks kiln cleanup finds a VM left by -on-error=abort by (see leftovers.ts). */
function vmMarks(state: QemuBuildState): Record<string, string> {
  return {
    [RUN_MARK]: state.build.runId,
    [BUILD_MARK]: state.build.buildName,
    [OWNER_MARK]: String(process.pid),
    ...(state.outputDirCreated ? { [OUTPUT_DIR_MARK]: state.outputDir } : {}),
  };
}

async function stop(state: QemuBuildState): Promise<void> {
  state.cacheRun?.qmp?.close();
  if (state.cacheRun) state.cacheRun.qmp = undefined;
  state.vnc?.close();
  state.vnc = undefined;
  await state.vm?.kill();
  state.vm = undefined;
}

/**
 * Starts QEMU. Before using kvm (asked for, or chosen by "auto" because
 * /dev/kvm opens) a tiny test guest must run to its end under kvm within
 * kvm_sign_of_life_timeout, and the real guest must then paint something:
 * /dev/kvm can exist and crash, hang or crawl (nested virtualisation).
 * "auto" then falls back to tcg; "kvm" fails and says so.
 */
export const stepRunVm: Step<QemuBuildState> = {
  name: 'run-vm',
  async run(state, ctx) {
    const { config } = state;
    const { ui } = ctx;
    let accel: string = config.accelerator;
    if (accel === 'auto') accel = kvmDeviceUsable() ? 'kvm' : 'tcg';
    ui.say(
      state.cacheRun?.restoring
        ? 'Starting VM from the saved VM state'
        : config.diskImage
          ? 'Starting VM'
          : 'Starting VM, booting from CD-ROM',
    );
    if (accel !== 'kvm') {
      await launch(state, accel, ctx);
      return;
    }
    ui.say('Checking that kvm really runs guests here...');
    const cpu = config.cpuModel ?? 'host';
    let why = await probeKvm(state.driver, config.qemuBinary, config.machineType, cpu, config.signOfLifeMs);
    if (!why) {
      try {
        await launch(state, 'kvm', ctx);
        if (await state.vnc!.waitForSignOfLife(config.signOfLifeMs, ctx.signal)) return;
        why =
          state.vm?.exitReason() ??
          `the guest shows nothing on screen under kvm after ${config.signOfLifeMs / 1000}s`;
      } catch (e) {
        if (ctx.signal.aborted) throw e;
        why = `QEMU does not run under kvm: ${(e as Error).message}`;
      }
      await stop(state);
    }
    if (config.accelerator !== 'auto') throw new Error(`${why}\nUse accelerator = "tcg".`);
    ui.say(`${why.split('\n')[0]}; falling back to tcg (accelerator = "auto")`);
    await launch(state, 'tcg', ctx);
  },
  async cleanup(state, { ui }) {
    state.cacheRun?.qmp?.close();
    state.vnc?.close();
    state.vnc = undefined;
    if (state.vm && !state.vm.exitReason()) {
      ui.say('Stopping the VM...');
      await stop(state);
    }
    state.vm = undefined;
  },
  async leave(state, { ui }) {
    state.vnc?.close();
    state.vnc = undefined;
    if (!state.vm || state.vm.exitReason()) return;
    state.vm.release();
    ui.say(`Leaving the VM running: QEMU process ${state.vm.pid} (kill ${state.vm.pid})`);
  },
};
