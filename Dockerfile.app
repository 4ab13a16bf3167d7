# syntax=docker/dockerfile:1
# The counter app that runs in every pod of a VisitCounterApp, as a Native AOT binary on a chiseled runtime-deps
# image (no shell, no package manager, no .NET runtime).
#   docker build -f Dockerfile.app -t visitcounter/counter-app:0.1.0 .
#   docker run --read-only -p 8080:8080 -v visits:/data visitcounter/counter-app:0.1.0
# Non-root (the image's app user, UID 1654) and fine with a read-only root file system: the only writes go to
# /data (mount the pod's volume there; in Kubernetes give it fsGroup 1654 so the volume is writable by the user).

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /source
# The same script .ci/run publishes with: it installs clang and zlib1g-dev, then publishes and fails on any
# trim/AOT warning.
COPY tools/aot-toolchain.sh tools/publish-aot.sh tools/
RUN bash tools/aot-toolchain.sh
COPY nuget.config Directory.Build.props Directory.Packages.props ./
COPY src/CounterApp/CounterApp.csproj src/CounterApp/
RUN dotnet restore src/CounterApp/CounterApp.csproj -r linux-x64 -p:PublishAot=true
COPY src/CounterApp/ src/CounterApp/
RUN bash tools/publish-aot.sh src/CounterApp/CounterApp.csproj /app \
 && mkdir -p /data && chown 1654:1654 /data

FROM mcr.microsoft.com/dotnet/runtime-deps:10.0-noble-chiseled AS final
COPY --from=build /app/counter-app /app/counter-app
COPY --from=build --chown=1654:1654 /data /data
# Diagnostics IPC would create sockets under /tmp, which a read-only root file system does not have.
ENV PORT=8080 \
    VISITS_FILE=/data/visits \
    DOTNET_EnableDiagnostics=0
USER 1654:1654
VOLUME ["/data"]
EXPOSE 8080
ENTRYPOINT ["/app/counter-app"]
