using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using VisitCounter.Kube.Serialization;

namespace VisitCounter.Kube.Configuration;

/// <summary>
/// Runs a client-go exec credential plugin (<c>client.authentication.k8s.io/v1</c>) and caches its
/// token or certificate until <c>expirationTimestamp</c>. The plugin gets <c>KUBERNETES_EXEC_INFO</c>
/// and the configured env on top of ours, and never a TTY: we are a non-interactive controller.
/// </summary>
public sealed class ExecCredentialProvider : ICredentialProvider
{
    private static readonly TimeSpan PluginTimeout = TimeSpan.FromMinutes(1);

    private readonly ExecCredentialConfig config;
    private readonly X509Certificate2? fallbackCertificate;
    private readonly TimeProvider timeProvider;
    private readonly SemaphoreSlim gate = new(1, 1);
    private CachedCredential? cached;

    /// <summary>Creates the provider; the plugin first runs on the first request.</summary>
    public ExecCredentialProvider(ExecCredentialConfig config, X509Certificate2? fallbackCertificate = null, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        this.config = config;
        this.fallbackCertificate = fallbackCertificate;
        this.timeProvider = timeProvider ?? TimeProvider.System;
    }

    private sealed record CachedCredential(KubernetesCredentials Credentials, DateTimeOffset? ExpiresAt);

    /// <inheritdoc />
    public async ValueTask<KubernetesCredentials> GetCredentialsAsync(CancellationToken ct)
    {
        if (Volatile.Read(ref cached) is { } hit && IsFresh(hit))
        {
            return hit.Credentials;
        }

        await gate.WaitAsync(ct);
        try
        {
            if (cached is { } again && IsFresh(again))
            {
                return again.Credentials;
            }

            var status = await RunPluginAsync(ct);
            var certificate = status.ClientCertificateData is { Length: > 0 } certPem
                ? CreateCertificate(certPem, status.ClientKeyData)
                : fallbackCertificate;
            var token = string.IsNullOrEmpty(status.Token) ? null : status.Token;
            if (token is null && certificate is null)
            {
                throw new KubeconfigException($"Exec plugin '{config.Command}' returned neither status.token nor status.clientCertificateData.");
            }

            cached = new CachedCredential(new KubernetesCredentials(token, certificate), status.ExpirationTimestamp);
            return cached.Credentials;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <inheritdoc />
    public void Invalidate() => Volatile.Write(ref cached, null);

    private bool IsFresh(CachedCredential credential)
        => credential.ExpiresAt is not { } expiry || timeProvider.GetUtcNow() < expiry;

    private X509Certificate2 CreateCertificate(string certificatePem, string? keyPem)
    {
        if (string.IsNullOrEmpty(keyPem))
        {
            throw new KubeconfigException($"Exec plugin '{config.Command}' returned status.clientCertificateData without status.clientKeyData.");
        }

        return ClientCertificates.FromPem(certificatePem, keyPem, $"exec plugin '{config.Command}'");
    }

    private async Task<ExecCredentialStatus> RunPluginAsync(CancellationToken ct)
    {
        if (string.Equals(config.InteractiveMode, "Always", StringComparison.Ordinal))
        {
            throw new KubeconfigException(
                $"Exec credential plugin '{config.Command}' has interactiveMode: Always, but this process has no terminal; " +
                "use a plugin mode that works non-interactively (interactiveMode: Never or IfAvailable).");
        }

        var start = new ProcessStartInfo(config.Command)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var arg in config.Args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in config.Env)
        {
            start.Environment[name] = value;
        }

        start.Environment["KUBERNETES_EXEC_INFO"] =
            $$$"""{"apiVersion":"{{{config.ApiVersion}}}","kind":"ExecCredential","spec":{"interactive":false}}""";

        using var process = new Process { StartInfo = start };
        try
        {
            process.Start();
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            var hint = string.IsNullOrEmpty(config.InstallHint) ? "Check users[].user.exec.command in the kubeconfig." : config.InstallHint;
            throw new KubeconfigException($"Cannot run exec credential plugin '{config.Command}': {e.Message}. {hint}", e);
        }

        process.StandardInput.Close();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(PluginTimeout);
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            if (ct.IsCancellationRequested)
            {
                throw;
            }

            throw new KubeconfigException($"Exec credential plugin '{config.Command}' did not finish within {PluginTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s.");
        }

        var output = await stdout;
        var errors = await stderr;
        if (process.ExitCode != 0)
        {
            throw new KubeconfigException($"Exec credential plugin '{config.Command}' exited with code {process.ExitCode}: {errors.Trim()}");
        }

        return Parse(output);
    }

    private ExecCredentialStatus Parse(string output)
    {
        ExecCredential? credential;
        try
        {
            credential = JsonSerializer.Deserialize(output, KubeJsonContext.Default.ExecCredential);
        }
        catch (JsonException e)
        {
            throw new KubeconfigException($"Exec credential plugin '{config.Command}' printed invalid JSON: {e.Message}", e);
        }

        if (credential?.Kind != "ExecCredential")
        {
            throw new KubeconfigException($"Exec credential plugin '{config.Command}' must print an ExecCredential object (kind: ExecCredential).");
        }

        if (credential.ApiVersion is { } version && version != config.ApiVersion)
        {
            throw new KubeconfigException($"Exec credential plugin '{config.Command}' answered apiVersion {version}, but the kubeconfig asked for {config.ApiVersion}.");
        }

        return credential.Status
            ?? throw new KubeconfigException($"Exec credential plugin '{config.Command}' printed an ExecCredential without status.");
    }
}
