# Kiln quick start: build a small image from the local test base image.
#   npm run env:up            # dockerd + kiln-test/busybox:latest
#   kiln build examples/docker
packer {
  required_plugins {
    docker = {
      source  = "github.com/hashicorp/docker"
      version = ">= 0.1.0"
    }
  }
}

variable "repository" {
  type    = string
  default = "kiln-example/hello"
}

source "docker" "busybox" {
  image  = "kiln-test/busybox:latest"
  pull   = false
  commit = true
  changes = [
    "LABEL org.opencontainers.image.title=hello",
    "ENV GREETING=hello",
    "CMD [\"cat\", \"/etc/motd\"]",
  ]
}

build {
  sources = ["source.docker.busybox"]

  provisioner "shell" {
    inline = [
      "echo \"hello from $(hostname)\" > /etc/motd",
      "cat /etc/motd",
    ]
  }

  post-processor "docker-tag" {
    repository = var.repository
    tags       = ["latest"]
  }
}
