# OpMock mock server. Build: docker build -t opmock .   Run: docker run -p 8080:8080 -p 8086:8086 opmock
# Each `RUN dotnet …` line below is also run by build/docker-steps.sh (from .ci/run), which has no Docker
# engine: keep each such step on one line, without quotes, so that script finds and runs it as written.

# --- build: restore (cached until a project file changes), then publish the CLI ---
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props ./
COPY src/OpMock.Core/OpMock.Core.csproj src/OpMock.Core/
COPY src/OpMock.Cli/OpMock.Cli.csproj src/OpMock.Cli/
RUN dotnet restore src/OpMock.Cli/OpMock.Cli.csproj --runtime linux-x64 -p:PublishReadyToRun=true
# Sources, the shipped docs and fixtures (.dockerignore keeps the rest out); they are published as defaults/.
# ReadyToRun: the start is mostly JIT work, precompiled here it takes a third less (bench/README.md). The code stays
# framework-dependent IL too, so an arm64 host runs the same image (it JITs what x64 code it cannot use).
COPY . .
RUN dotnet publish src/OpMock.Cli/OpMock.Cli.csproj --configuration Release --no-restore --runtime linux-x64 --self-contained false -p:PublishReadyToRun=true --output /app

# --- runtime: ASP.NET image, non-root ---
FROM mcr.microsoft.com/dotnet/aspnet:10.0
COPY --from=build /app /app
# Docs and fixtures are read from /data/schemas/docs and /data/fixtures when those hold files (mount yours
# there), else from the copies inside the image (/app/defaults). Every option is also an OPMOCK_* variable.
WORKDIR /data
VOLUME ["/data/schemas", "/data/fixtures"]
ENV DOTNET_CLI_TELEMETRY_OPTOUT=1 \
    DOTNET_NOLOGO=1
# The image's own non-root user (uid 1654), defined by the .NET base images.
USER $APP_UID
EXPOSE 8080 8086
# The runtime image has no curl: opmock pings itself (any HTTP answer below 500 means up).
HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 \
    CMD dotnet /app/opmock.dll ping --url "http://127.0.0.1:${OPMOCK_PORT:-8080}/" --timeout 4s || exit 1
ENTRYPOINT ["dotnet", "/app/opmock.dll", "serve", "--host", "0.0.0.0"]
