# The counter app that runs in every pod of a VisitCounterApp.
#   docker build -f Dockerfile.app -t visitcounter/counter-app .
#   docker run --read-only -p 8080:8080 -v visits:/data visitcounter/counter-app
# Final image: ASP.NET Core chiseled runtime (no shell, no package manager), non-root user app (uid 1654),
# works with a read-only root file system: the only writes go to /data (mount the pod's volume there;
# in Kubernetes give it fsGroup 1654 or an equivalent so the volume is writable by the user).

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY Directory.Build.props Directory.Packages.props ./
COPY src/CounterApp/ src/CounterApp/
# A developer's bin/ and obj/ may ride along in the build context; build from sources only.
RUN rm -rf src/CounterApp/bin src/CounterApp/obj \
 && dotnet publish src/CounterApp/CounterApp.csproj -c Release -o /app -p:UseAppHost=false \
 && rm -f /app/*.pdb /app/*.xml \
 && mkdir -p /data && chown 1654:1654 /data

FROM mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled AS final
WORKDIR /app
COPY --from=build /app ./
COPY --from=build --chown=1654:1654 /data /data
# Diagnostics IPC would create sockets under /tmp, which a read-only root file system does not have.
ENV PORT=8080 \
    VISITS_FILE=/data/visits \
    DOTNET_EnableDiagnostics=0 \
    DOTNET_gcServer=0
USER 1654:1654
VOLUME ["/data"]
EXPOSE 8080
ENTRYPOINT ["dotnet", "/app/counter-app.dll"]
