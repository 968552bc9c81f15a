using PumpWatch.Core.Forest;

namespace PumpWatch.Cli;

/// <summary>Reads model artifacts from disk, turning every failure into a one-line <see cref="UserError"/>.</summary>
internal static class ModelFiles
{
    public static AnomalyModel Load(string path)
    {
        string json;
        try
        {
            json = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UserError($"{path}: cannot read model: {e.Message}");
        }

        try
        {
            return ModelArtifact.FromJson(json);
        }
        catch (ModelMismatchException e)
        {
            throw new UserError($"{path}: {e.Message}");
        }
    }
}
