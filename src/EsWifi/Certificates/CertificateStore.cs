using System;

namespace EsWifi
{
    /// <summary>
    /// The module's certificate sets, programmed from the host (<c>PE</c>, <c>PF</c>, <c>PG</c>).
    /// Sets 0–2 are one-time programmable, so every write is guarded: the PEM is checked before the
    /// first byte goes out, the slot's state is read first, and a used slot is only ever verified
    /// (the same bytes written again answer "match"; different bytes answer an error and nothing is
    /// written). Set 3, on firmware that has it, is rewritable and changed only through <see cref="Replace"/>.
    /// </summary>
    public sealed class CertificateStore
    {
        /// <summary>Sets 0 to this value minus one are write-once.</summary>
        public const int WriteOnceSets = 3;

        /// <summary>The rewritable set (ST's "multiple write slot"), where the firmware has it.</summary>
        public const int RewritableSet = 3;

        private readonly EsWifiModule _module;
        private readonly CertificateSetStatus[] _status = new CertificateSetStatus[4];
        private int _activeSet = -1;
        private int _generation = -1;

        internal CertificateStore(EsWifiModule module)
        {
            _module = module;
        }

        /// <summary>How long one PG may take; 10 s by default.</summary>
        public int TimeoutMilliseconds { get; set; } = 10000;

        /// <summary>Reads which slots of <paramref name="set"/> are programmed (<c>PE=&lt;set&gt;</c>).</summary>
        /// <param name="set">Set number, 0–3.</param>
        /// <returns>The status.</returns>
        public CertificateSetStatus GetStatus(int set)
        {
            CheckSet(set);
            lock (_module.Channel.SyncRoot)
            {
                return ReadStatus(set);
            }
        }

        /// <summary>Makes <paramref name="set"/> the one TLS connections use (<c>PF=0,&lt;set&gt;</c>).</summary>
        /// <param name="set">Set number, 0–3.</param>
        public void Select(int set)
        {
            CheckSet(set);
            lock (_module.Channel.SyncRoot)
            {
                EnsureSelected(set);
            }
        }

        /// <summary>
        /// Programs one object into an empty slot, or verifies a used slot of a write-once set.
        /// Nothing is sent when the PEM is malformed; a used slot is never overwritten.
        /// </summary>
        /// <param name="set">Set number, 0–3.</param>
        /// <param name="kind">Root CA, certificate or key.</param>
        /// <param name="pem">Buffer holding the PEM text (sent from this buffer, not copied).</param>
        /// <param name="offset">Start of the PEM.</param>
        /// <param name="count">Length of the PEM.</param>
        /// <param name="progress">Optional progress callback.</param>
        /// <returns><see cref="CertificateWriteResult.Written"/>, or <see cref="CertificateWriteResult.AlreadyMatching"/> for a used slot with the same bytes.</returns>
        public CertificateWriteResult Program(int set, CertificateKind kind, byte[] pem, int offset, int count, CertificateProgress progress)
        {
            CheckSet(set);
            CheckKind(kind);
            PemValidator.Validate(kind, pem, offset, count, nameof(pem));
            lock (_module.Channel.SyncRoot)
            {
                bool used = ReadStatus(set).IsUsed(kind);
                if (used && set == RewritableSet)
                {
                    throw new InvalidOperationException("set 3 " + KindName(kind) + " is in use and rewritable: call Replace to overwrite it on purpose");
                }

                return Write(set, kind, pem, offset, count, progress, used);
            }
        }

        /// <summary>
        /// Checks that a used slot of a write-once set holds exactly these bytes, by writing them again
        /// (the module compares instead of writing). Refuses an empty slot, where a write would burn it.
        /// </summary>
        /// <param name="set">Set number, 0–2.</param>
        /// <param name="kind">Root CA, certificate or key.</param>
        /// <param name="pem">Buffer holding the PEM text.</param>
        /// <param name="offset">Start of the PEM.</param>
        /// <param name="count">Length of the PEM.</param>
        /// <returns><see cref="CertificateWriteResult.AlreadyMatching"/>; a mismatch throws <see cref="EsWifiErrorKind.CertificateMismatch"/>.</returns>
        public CertificateWriteResult Verify(int set, CertificateKind kind, byte[] pem, int offset, int count)
        {
            CheckSet(set);
            CheckKind(kind);
            if (set == RewritableSet)
            {
                throw new NotSupportedException("set 3 is rewritable: writing to verify it would overwrite it");
            }

            PemValidator.Validate(kind, pem, offset, count, nameof(pem));
            lock (_module.Channel.SyncRoot)
            {
                if (!ReadStatus(set).IsUsed(kind))
                {
                    throw new InvalidOperationException("set " + set.ToString() + " " + KindName(kind) + " is empty: verifying would program it (use Program)");
                }

                return Write(set, kind, pem, offset, count, null, true);
            }
        }

        /// <summary>Overwrites a slot of the rewritable set 3 (on firmware that has one).</summary>
        /// <param name="kind">Root CA, certificate or key.</param>
        /// <param name="pem">Buffer holding the PEM text.</param>
        /// <param name="offset">Start of the PEM.</param>
        /// <param name="count">Length of the PEM.</param>
        /// <param name="progress">Optional progress callback.</param>
        public void Replace(CertificateKind kind, byte[] pem, int offset, int count, CertificateProgress progress)
        {
            CheckKind(kind);
            PemValidator.Validate(kind, pem, offset, count, nameof(pem));
            lock (_module.Channel.SyncRoot)
            {
                Write(RewritableSet, kind, pem, offset, count, progress, false);
            }
        }

        /// <summary>Status as cached for this module session (read once, updated by writes).</summary>
        internal CertificateSetStatus CachedStatus(int set)
        {
            Refresh();
            return _status[set] ?? ReadStatus(set);
        }

        internal void EnsureSelected(int set)
        {
            Refresh();
            if (_activeSet == set)
            {
                return;
            }

            _module.Channel.Writer.Command("PF").Int(0).Int(set).End();
            _module.Channel.ExecuteOk(_module.CommandTimeoutMilliseconds);
            _activeSet = set;
        }

        private CertificateWriteResult Write(int set, CertificateKind kind, byte[] pem, int offset, int count, CertificateProgress progress, bool used)
        {
            if (progress != null)
            {
                progress(0, count);
            }

            _module.Channel.Writer.Command("PG").Int(set).Int((int)kind).IntPadded(count, 4).SecretPayload().End();
            AtResponse answer = _module.Channel.ExecuteWithPayload(pem, offset, count, TimeoutMilliseconds);
            if (answer.Kind == AtResponseKind.Error && used)
            {
                throw new EsWifiException(
                    EsWifiErrorKind.CertificateMismatch,
                    "set " + set.ToString() + " " + KindName(kind) + " holds different data; nothing was written");
            }

            _module.Channel.ThrowUnlessOk(answer);
            MarkUsed(set, kind);
            if (progress != null)
            {
                progress(count, count);
            }

            bool matched = AsciiBytes.StartsWithAscii(answer.Buffer, answer.PayloadOffset, answer.PayloadLength, "Match");
            return matched ? CertificateWriteResult.AlreadyMatching : CertificateWriteResult.Written;
        }

        private void MarkUsed(int set, CertificateKind kind)
        {
            CertificateSetStatus known = _status[set];
            if (known != null)
            {
                _status[set] = new CertificateSetStatus(
                    set,
                    known.HasRootCa || kind == CertificateKind.RootCa,
                    known.HasCertificate || kind == CertificateKind.Certificate,
                    known.HasPrivateKey || kind == CertificateKind.PrivateKey);
            }
        }

        private CertificateSetStatus ReadStatus(int set)
        {
            Refresh();
            _module.Channel.Writer.Command("PE").Int(set).End();
            string[] fields = _module.Channel.ExecuteOk(_module.CommandTimeoutMilliseconds).PayloadText().Split(',');
            if (fields.Length != 3)
            {
                throw new EsWifiException(EsWifiErrorKind.ProtocolError, "PE answered " + fields.Length.ToString() + " fields, expected 3");
            }

            // PE reports 1 for an available (empty) slot and 0 for a used one.
            CertificateSetStatus status = new CertificateSetStatus(set, fields[0] == "0", fields[1] == "0", fields[2] == "0");
            _status[set] = status;
            return status;
        }

        private void Refresh()
        {
            int generation = _module.Channel.Generation;
            if (generation != _generation)
            {
                _generation = generation;
                _activeSet = -1;
                for (int i = 0; i < _status.Length; i++)
                {
                    _status[i] = null;
                }
            }
        }

        private static void CheckSet(int set)
        {
            if (set < 0 || set > RewritableSet)
            {
                throw new ArgumentOutOfRangeException(nameof(set), "certificate sets are 0 to 3");
            }
        }

        private static void CheckKind(CertificateKind kind)
        {
            if (kind < CertificateKind.RootCa || kind > CertificateKind.PrivateKey)
            {
                throw new ArgumentOutOfRangeException(nameof(kind));
            }
        }

        private static string KindName(CertificateKind kind)
        {
            return kind == CertificateKind.RootCa ? "root CA" : kind == CertificateKind.Certificate ? "certificate" : "private key";
        }
    }
}
