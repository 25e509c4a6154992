// packer-plugin-kilntest is a small Packer plugin written with
// packer-plugin-sdk, in the shape of Packer's plugin scaffolding: a builder
// with an SSH communicator, a provisioner, a post-processor and a data
// source. Kiln's tests run it through the Packer plugin bridge to exercise
// every RPC path of the protocol.
package main

import (
	"fmt"
	"os"

	"github.com/hashicorp/packer-plugin-sdk/plugin"
	"github.com/hashicorp/packer-plugin-sdk/version"
)

func main() {
	pps := plugin.NewSet()
	pps.RegisterBuilder(plugin.DEFAULT_NAME, new(Builder))
	pps.RegisterProvisioner("hello", new(Provisioner))
	pps.RegisterPostProcessor("pp", new(PostProcessor))
	pps.RegisterDatasource("ds", new(Datasource))
	pps.SetVersion(version.NewPluginVersion("0.3.1", "", ""))
	if err := pps.Run(); err != nil {
		fmt.Fprintln(os.Stderr, err.Error())
		os.Exit(1)
	}
}
