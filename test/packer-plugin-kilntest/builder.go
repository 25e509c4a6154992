package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/hashicorp/hcl/v2/hcldec"
	"github.com/hashicorp/packer-plugin-sdk/common"
	"github.com/hashicorp/packer-plugin-sdk/communicator"
	"github.com/hashicorp/packer-plugin-sdk/multistep"
	"github.com/hashicorp/packer-plugin-sdk/multistep/commonsteps"
	packersdk "github.com/hashicorp/packer-plugin-sdk/packer"
	"github.com/hashicorp/packer-plugin-sdk/template/config"
	"github.com/hashicorp/packer-plugin-sdk/template/interpolate"
	"github.com/zclconf/go-cty/cty"
)

// BuilderConfig is the builder's configuration: an SSH communicator to an
// existing host, a file to write, and a list of "label" blocks.
type BuilderConfig struct {
	common.PackerConfig `mapstructure:",squash"`
	Comm                communicator.Config `mapstructure:",squash"`
	OutputFile          string              `mapstructure:"output_file"`
	Greeting            string              `mapstructure:"greeting"`
	FailIn              string              `mapstructure:"fail_in"`
	Labels              []Label             `mapstructure:"label"`
	ctx                 interpolate.Context
}

type Label struct {
	Name  string `mapstructure:"name"`
	Value string `mapstructure:"value"`
}

type Builder struct {
	config BuilderConfig
	runner multistep.Runner
}

func (b *Builder) ConfigSpec() hcldec.ObjectSpec {
	spec := hcldec.ObjectSpec{}
	for k, v := range new(communicator.FlatConfig).HCL2Spec() {
		spec[k] = v
	}
	spec["output_file"] = &hcldec.AttrSpec{Name: "output_file", Type: cty.String, Required: true}
	spec["greeting"] = &hcldec.AttrSpec{Name: "greeting", Type: cty.String}
	spec["fail_in"] = &hcldec.AttrSpec{Name: "fail_in", Type: cty.String}
	spec["label"] = &hcldec.BlockListSpec{TypeName: "label", Nested: hcldec.ObjectSpec{
		"name":  &hcldec.AttrSpec{Name: "name", Type: cty.String, Required: true},
		"value": &hcldec.AttrSpec{Name: "value", Type: cty.String},
	}}
	return spec
}

func (b *Builder) Prepare(raws ...interface{}) ([]string, []string, error) {
	if err := config.Decode(&b.config, &config.DecodeOpts{PluginType: "kilntest", Interpolate: true, InterpolateContext: &b.config.ctx}, raws...); err != nil {
		return nil, nil, err
	}
	var errs *packersdk.MultiError
	errs = packersdk.MultiErrorAppend(errs, b.config.Comm.Prepare(&b.config.ctx)...)
	if b.config.OutputFile == "" {
		errs = packersdk.MultiErrorAppend(errs, errors.New("output_file must be set"))
	}
	if strings.Contains(b.config.Greeting, "!") {
		errs = packersdk.MultiErrorAppend(errs, errors.New("greeting must not shout"))
	}
	var warnings []string
	if b.config.Greeting == "" {
		warnings = append(warnings, "greeting is empty: saying nothing")
	}
	if errs != nil && len(errs.Errors) > 0 {
		return nil, warnings, errs
	}
	return []string{"Greeting", "LabelCount"}, warnings, nil
}

func (b *Builder) Run(ctx context.Context, ui packersdk.Ui, hook packersdk.Hook) (packersdk.Artifact, error) {
	state := new(multistep.BasicStateBag)
	state.Put("config", &b.config)
	state.Put("hook", hook)
	state.Put("ui", ui)
	state.Put("generated_data", map[string]interface{}{
		"Greeting":   b.config.Greeting,
		"LabelCount": len(b.config.Labels),
	})
	steps := []multistep.Step{
		&stepSay{},
		&communicator.StepConnect{
			Config:    &b.config.Comm,
			Host:      communicator.CommHost(b.config.Comm.Host(), "ssh_host"),
			SSHConfig: b.config.Comm.SSHConfigFunc(),
		},
		new(commonsteps.StepProvision),
		&stepWrite{},
	}
	b.runner = commonsteps.NewRunner(steps, b.config.PackerConfig, ui)
	b.runner.Run(ctx, state)
	if err, ok := state.GetOk("error"); ok {
		return nil, err.(error)
	}
	if _, ok := state.GetOk(multistep.StateCancelled); ok {
		return nil, errors.New("Build was cancelled.")
	}
	return &Artifact{files: []string{b.config.OutputFile}, id: b.config.PackerBuildName, answer: 42}, nil
}

// stepSay talks to the Ui: say, message, a progress bar, an error line.
type stepSay struct{}

func (s *stepSay) Run(ctx context.Context, state multistep.StateBag) multistep.StepAction {
	ui := state.Get("ui").(packersdk.Ui)
	c := state.Get("config").(*BuilderConfig)
	ui.Say(fmt.Sprintf("kilntest builder says %q", c.Greeting))
	ui.Message(fmt.Sprintf("build %s of type %s, %d label(s)", c.PackerBuildName, c.PackerBuilderType, len(c.Labels)))
	for _, l := range c.Labels {
		ui.Message(fmt.Sprintf("label %s=%s", l.Name, l.Value))
	}
	r := ui.TrackProgress("kilntest-progress", 0, 3, io.NopCloser(strings.NewReader("abc")))
	io.Copy(io.Discard, r)
	r.Close()
	if c.FailIn == "run" {
		state.Put("error", errors.New("kilntest was told to fail in run"))
		ui.Error("kilntest was told to fail in run")
		return multistep.ActionHalt
	}
	if c.FailIn == "crash" {
		fmt.Fprintln(os.Stderr, "kilntest: crashing on purpose")
		os.Exit(7)
	}
	if c.FailIn == "wait" {
		// A scratch directory in $TMPDIR, left on purpose: the plugin's
		// private $TMPDIR is what Kiln removes.
		scratch, err := os.MkdirTemp("", "kilntest-run-")
		if err != nil {
			state.Put("error", err)
			return multistep.ActionHalt
		}
		ui.Say("kilntest waiting to be cancelled, scratch " + scratch)
		<-ctx.Done()
		state.Put("error", errors.New("kilntest cancelled"))
		return multistep.ActionHalt
	}
	return multistep.ActionContinue
}

func (s *stepSay) Cleanup(state multistep.StateBag) {
	ui := state.Get("ui").(packersdk.Ui)
	ui.Say("kilntest cleanup ran")
}

// stepWrite writes the output file the artifact names.
type stepWrite struct{}

func (s *stepWrite) Run(ctx context.Context, state multistep.StateBag) multistep.StepAction {
	c := state.Get("config").(*BuilderConfig)
	if err := os.WriteFile(c.OutputFile, []byte("kilntest "+c.Greeting+"\n"), 0o644); err != nil {
		state.Put("error", err)
		return multistep.ActionHalt
	}
	return multistep.ActionContinue
}

func (s *stepWrite) Cleanup(state multistep.StateBag) {}
