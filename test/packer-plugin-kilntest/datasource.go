package main

import (
	"fmt"

	"github.com/hashicorp/hcl/v2/hcldec"
	"github.com/hashicorp/packer-plugin-sdk/template/config"
	"github.com/zclconf/go-cty/cty"
)

type DatasourceConfig struct {
	Name  string `mapstructure:"name"`
	Count int    `mapstructure:"count"`
}

// Datasource greets by name and counts.
type Datasource struct{ config DatasourceConfig }

func (d *Datasource) ConfigSpec() hcldec.ObjectSpec {
	return hcldec.ObjectSpec{
		"name":  &hcldec.AttrSpec{Name: "name", Type: cty.String, Required: true},
		"count": &hcldec.AttrSpec{Name: "count", Type: cty.Number},
	}
}

func (d *Datasource) Configure(raws ...interface{}) error {
	if err := config.Decode(&d.config, nil, raws...); err != nil {
		return err
	}
	if d.config.Name == "" {
		return fmt.Errorf("name must be set")
	}
	return nil
}

func (d *Datasource) OutputSpec() hcldec.ObjectSpec {
	return hcldec.ObjectSpec{
		"greeting": &hcldec.AttrSpec{Name: "greeting", Type: cty.String},
		"numbers":  &hcldec.AttrSpec{Name: "numbers", Type: cty.List(cty.Number)},
	}
}

func (d *Datasource) Execute() (cty.Value, error) {
	nums := []cty.Value{}
	for i := 1; i <= d.config.Count; i++ {
		nums = append(nums, cty.NumberIntVal(int64(i)))
	}
	list := cty.ListValEmpty(cty.Number)
	if len(nums) > 0 {
		list = cty.ListVal(nums)
	}
	return cty.ObjectVal(map[string]cty.Value{
		"greeting": cty.StringVal("hello " + d.config.Name),
		"numbers":  list,
	}), nil
}
