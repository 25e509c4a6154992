package main

import (
	"context"
	"fmt"
	"os"

	"github.com/hashicorp/hcl/v2/hcldec"
	packersdk "github.com/hashicorp/packer-plugin-sdk/packer"
	"github.com/hashicorp/packer-plugin-sdk/template/config"
	"github.com/zclconf/go-cty/cty"
)

type PostProcessorConfig struct {
	Output string `mapstructure:"output"`
	Keep   bool   `mapstructure:"keep_input"`
	// WaitForCancel makes PostProcess leave a scratch directory in $TMPDIR
	// and wait until it is cancelled (the cancellation tests).
	WaitForCancel bool `mapstructure:"wait_for_cancel"`
}

// PostProcessor writes what it learnt of its input artifact to a file.
type PostProcessor struct{ config PostProcessorConfig }

func (p *PostProcessor) ConfigSpec() hcldec.ObjectSpec {
	return hcldec.ObjectSpec{
		"output":          &hcldec.AttrSpec{Name: "output", Type: cty.String, Required: true},
		"keep_input":      &hcldec.AttrSpec{Name: "keep_input", Type: cty.Bool},
		"wait_for_cancel": &hcldec.AttrSpec{Name: "wait_for_cancel", Type: cty.Bool},
	}
}

func (p *PostProcessor) Configure(raws ...interface{}) error {
	return config.Decode(&p.config, &config.DecodeOpts{Interpolate: true}, raws...)
}

func (p *PostProcessor) PostProcess(ctx context.Context, ui packersdk.Ui, a packersdk.Artifact) (packersdk.Artifact, bool, bool, error) {
	text := fmt.Sprintf("builder=%s id=%s files=%v answer=%v\n", a.BuilderId(), a.Id(), a.Files(), a.State("answer"))
	ui.Say("kilntest-pp: " + text)
	if p.config.WaitForCancel {
		scratch, err := os.MkdirTemp("", "kilntest-pp-")
		if err != nil {
			return nil, false, false, err
		}
		if err := os.WriteFile(scratch+"/partial", []byte(text), 0o644); err != nil {
			return nil, false, false, err
		}
		ui.Say("kilntest-pp waiting to be cancelled, scratch " + scratch)
		<-ctx.Done()
		// The scratch directory is left on purpose: the plugin's private
		// $TMPDIR is what Kiln removes.
		ui.Say("kilntest-pp saw the cancellation")
		return nil, false, false, ctx.Err()
	}
	if err := os.WriteFile(p.config.Output, []byte(text), 0o644); err != nil {
		return nil, false, false, err
	}
	return &Artifact{files: []string{p.config.Output}, id: "pp", answer: 43}, p.config.Keep, p.config.Keep, nil
}
