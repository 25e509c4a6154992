import type { Communicator } from '@kiln/plugin-sdk';

const refuse = () =>
  Promise.reject(
    new Error('this build has no communicator (communicator = "none"); use a local provisioner'),
  );

/** Given to provisioners when the builder has no communicator: every call fails with an explanation. */
export const noCommunicator: Communicator = {
  exec: refuse,
  upload: refuse,
  uploadDir: refuse,
  download: refuse,
  downloadDir: refuse,
};
