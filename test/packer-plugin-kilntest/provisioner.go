package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/hashicorp/hcl/v2/hcldec"
	packersdk "github.com/hashicorp/packer-plugin-sdk/packer"
	"github.com/hashicorp/packer-plugin-sdk/template/config"
	"github.com/zclconf/go-cty/cty"
)

// ProvisionerConfig: what to upload where, and a command to run.
type ProvisionerConfig struct {
	Destination string `mapstructure:"destination"`
	Content     string `mapstructure:"content"`
	Command     string `mapstructure:"command"`
	Stdin       string `mapstructure:"stdin"`
	DirSource   string `mapstructure:"dir_source"`
	DirTarget   string `mapstructure:"dir_target"`
}

type Provisioner struct{ config ProvisionerConfig }

func (p *Provisioner) ConfigSpec() hcldec.ObjectSpec {
	return hcldec.ObjectSpec{
		"destination": &hcldec.AttrSpec{Name: "destination", Type: cty.String, Required: true},
		"content":     &hcldec.AttrSpec{Name: "content", Type: cty.String},
		"command":     &hcldec.AttrSpec{Name: "command", Type: cty.String},
		"stdin":       &hcldec.AttrSpec{Name: "stdin", Type: cty.String},
		"dir_source":  &hcldec.AttrSpec{Name: "dir_source", Type: cty.String},
		"dir_target":  &hcldec.AttrSpec{Name: "dir_target", Type: cty.String},
	}
}

func (p *Provisioner) Prepare(raws ...interface{}) error {
	if err := config.Decode(&p.config, &config.DecodeOpts{Interpolate: true}, raws...); err != nil {
		return err
	}
	if p.config.Destination == "" {
		return fmt.Errorf("destination must be set")
	}
	return nil
}

// Provision uses every communicator call: Upload, Start (stdin, stdout,
// stderr, exit status), Download, UploadDir and DownloadDir.
func (p *Provisioner) Provision(ctx context.Context, ui packersdk.Ui, comm packersdk.Communicator, data map[string]interface{}) error {
	ui.Say(fmt.Sprintf("kilntest-hello: greeting from the build is %v", data["Greeting"]))
	if err := comm.Upload(p.config.Destination, strings.NewReader(p.config.Content), nil); err != nil {
		return fmt.Errorf("upload: %s", err)
	}
	var out, errOut bytes.Buffer
	cmd := &packersdk.RemoteCmd{Command: p.config.Command, Stdout: &out, Stderr: &errOut}
	if p.config.Stdin != "" {
		cmd.Stdin = strings.NewReader(p.config.Stdin)
	}
	if err := cmd.RunWithUi(ctx, comm, ui); err != nil {
		return fmt.Errorf("start: %s", err)
	}
	ui.Message(fmt.Sprintf("command exited %d", cmd.ExitStatus()))
	if cmd.ExitStatus() != 0 {
		return fmt.Errorf("the command exited %d", cmd.ExitStatus())
	}
	var back bytes.Buffer
	if err := comm.Download(p.config.Destination, &back); err != nil {
		return fmt.Errorf("download: %s", err)
	}
	if back.String() != p.config.Content {
		return fmt.Errorf("downloaded %q, uploaded %q", back.String(), p.config.Content)
	}
	ui.Message("downloaded what was uploaded")
	if p.config.DirSource != "" {
		if err := comm.UploadDir(p.config.DirTarget, p.config.DirSource, nil); err != nil {
			return fmt.Errorf("upload dir: %s", err)
		}
		local, err := os.MkdirTemp("", "kilntest-dir")
		if err != nil {
			return err
		}
		defer os.RemoveAll(local)
		if err := comm.DownloadDir(p.config.DirTarget+"/", local, nil); err != nil {
			return fmt.Errorf("download dir: %s", err)
		}
		entries, _ := filepath.Glob(filepath.Join(local, "*"))
		ui.Message(fmt.Sprintf("directory round trip: %d entries", len(entries)))
	}
	return nil
}
