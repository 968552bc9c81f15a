
namespace PumpWatch.Core.Forest;

/// <summary>How features are scaled before the forest sees them.</summary>
public enum ScalerKind
{
    /// <summary>(x - mean) / std, std with the N normaliser as scikit-learn's StandardScaler.</summary>
    Standard,

    /// <summary>(x - median) / IQR, quantiles by R type 7 as scikit-learn's RobustScaler.</summary>
    Robust,
}
