# syntax=docker/dockerfile:1
#
# A small image with `brief` as its entrypoint, for CI and for machines without Rust:
#
#   docker build -t brief .
#   docker run --rm -v "$PWD:/work" brief build      # builds briefs/ into out/
#
# The templates, fonts and data are embedded in the binary, so the runtime image needs
# nothing but the binary and the C library it links (glibc, the same Debian release as
# the build stage). It runs as the unprivileged user `brief`, uid and gid 1000, which owns
# the files of the first user on most Linux machines; if yours is another, pass
# `--user "$(id -u):$(id -g)"` so that out/ is written as you (any uid works: brief needs
# no home directory).

FROM rust:1.95-slim-bookworm AS build
WORKDIR /src
COPY . .
# The registry and target folders are cache mounts, so a rebuild reuses them; the binary
# is copied out of the target cache into the image layer.
RUN --mount=type=cache,target=/usr/local/cargo/registry \
    --mount=type=cache,target=/src/target \
    cargo build --release --locked --bin brief \
    && cp target/release/brief /usr/local/bin/brief

FROM debian:bookworm-slim
RUN groupadd --gid 1000 brief \
    && useradd --uid 1000 --gid brief --no-create-home --home-dir /work --shell /usr/sbin/nologin brief
COPY --from=build /usr/local/bin/brief /usr/local/bin/brief
WORKDIR /work
# The user brief, by number, so that a runtime can tell it is not root.
USER 1000:1000
ENTRYPOINT ["brief"]
CMD ["--help"]
