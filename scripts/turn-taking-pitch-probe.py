"""Step 36 of docs/turn-taking.md: could the caller's pitch, learnt from their answer, let a first syllable 2x above
a talking room's bed through where today's rule asks 3x? For every ordered pair of one voice's sentences in each half
(answer, 1.7 s of the room, interruption) at SNR dB (default 5) over ROOM.wav (default the evaluation's babble): how
many interruptions have a window standing out within their first 224 ms with 3x alone, and with 3x or (LOW x, default
2, voiced and within TOL octaves, default 0.12, of the answer's median pitch); then, with the room alone for 60 s,
its windows between LOW x and 3x whose pitch matches each caller's, per minute. Window RMS and an autocorrelation
pitch over 64 ms only: no model, no probability.
    python3 scripts/turn-taking-pitch-probe.py [ROOM.wav]      (SNR, TOL, LOW, VMIN from the environment)
"""
import numpy as np, wave, sys, glob, os, itertools
R=os.path.join(os.path.dirname(os.path.abspath(__file__)),'..','src','test','resources','turn-taking')
def load(p):
    with wave.open(p) as w:
        assert w.getframerate()==8000
        return np.frombuffer(w.readframes(w.getnframes()),dtype='<i2').astype(np.float64)
voices={'tune':["en-us+m3","en-gb+f3","en-us+f2"],
 'heldout':["en-in+m5","hi+m3","en-029+f4","en-gb-scotland+m2","en-in+f2"],
 'blind':["en-gb-x-rp+m4","en-in+f5","en-gb-x-gbcwmd+m6","en-in+m7","en-gb-x-gbclan+f1","hi+f5"],
 'fresh':["en-029+m2","en-in+m6","en-us+f5","hi+m6","en-gb-scotland+f3","en-in+f3"]}
W=256
def speech_files(half):
    fs=sorted(glob.glob(f'{R}/speech/{half}-*.wav'))
    plain=[f for f in fs if 'pause' not in f]; paused=[f for f in fs if 'pause' in f]
    nv=len(voices[half]); out=[]
    for i,f in enumerate(plain): out.append((f,voices[half][i%nv]))
    for i,f in enumerate(paused): out.append((f,voices[half][i%nv]))
    return out
def trim(x):
    e=np.abs(x); thr=0.02*e.max(); idx=np.nonzero(e>thr)[0]; return x[idx[0]:idx[-1]+1]
def active_rms(x):
    n=len(x)//W; r=np.sqrt((x[:n*W].reshape(n,W)**2).mean(1)); m=r.max(); a=r[r>m*0.03]; return np.sqrt((a**2).mean())
def f0(seg):
    seg=seg-seg.mean(); best=0; lagb=0
    for lag in range(20,134):
        a=seg[:-lag]; b=seg[lag:]; d=np.sqrt((a*a).sum()*(b*b).sum())
        if d<=0: continue
        r=(a*b).sum()/d
        if r>best: best=r; lagb=lag
    return best, (8000/lagb if lagb else 0)
bed_clip=load(sys.argv[1] if len(sys.argv)>1 else f'{R}/noise/babble.wav')
snr=float(os.environ.get('SNR','5')); tol=float(os.environ.get('TOL','0.12')); vmin=float(os.environ.get('VMIN','0.6'))
low=float(os.environ.get('LOW','2.0'))
bed_rms=np.sqrt((bed_clip**2).mean())
def line_for(A,B,gap=1.7,lead=6.0):
    n=int((lead+len(A)/8000+gap+len(B)/8000+1)*8000)
    bed=np.tile(bed_clip, n//len(bed_clip)+1)[:n].copy()
    a0=int(lead*8000); b0=a0+len(A)+int(gap*8000)
    bed[a0:a0+len(A)]+=A; bed[b0:b0+len(B)]+=B
    return bed,a0,b0
def windows(x): n=len(x)//W; return np.sqrt((x[:n*W].reshape(n,W)**2).mean(1))
res=[]; 
for half in ['tune','heldout','blind','fresh']:
    fs=[(trim(load(f)),v,os.path.basename(f)) for f,v in speech_files(half)]
    for (A,va,na),(B,vb,nb) in itertools.permutations(fs,2):
        if va!=vb: continue
        g=bed_rms*10**(snr/20)
        A2=A*g/active_rms(A); B2=B*g/active_rms(B)
        line,a0,b0=line_for(A2,B2)
        r=windows(line); wb=b0//W
        bed=np.percentile(r[wb-125:wb],30)
        # caller profile from the answer: windows >=3x bed, voiced
        prof=[]
        for k in range(a0//W,(a0+len(A2))//W):
            if r[k]>=3*bed:
                v,f=f0(line[(k-1)*W:(k+1)*W])
                if v>=vmin: prof.append(f)
        if len(prof)<3: res.append((half,na,nb,None,None)); continue
        pf=np.median(prof)
        t3=None; t2=None
        for j in range(0,7):
            k=wb+j
            if r[k]>=3*bed and t3 is None: t3=j
            if t2 is None:
                if r[k]>=3*bed: t2=j
                elif r[k]>=low*bed:
                    v,f=f0(line[(k-1)*W:(k+1)*W])
                    if v>=vmin and abs(np.log2(f/pf))<tol: t2=j
        res.append((half,na,nb,t3,t2,pf))
import collections
for half in ['tune','heldout','blind','fresh']:
    rs=[x for x in res if x[0]==half and x[3:]!=(None,None)]
    n=len(rs); a=sum(1 for x in rs if x[3] is not None); b=sum(1 for x in rs if x[4] is not None)
    print(f'{half}: pairs {n}, reach 3x within 224ms {a}, with pitch match {b}')
# room alone: for each caller profile f0 in set, count room windows >=low*bed <3x voiced matching
prof_f0=sorted(set(round(x[5]) for x in res if len(x)>5))
room=np.tile(bed_clip, int(60*8000/len(bed_clip))+1)[:60*8000]*1.0
r=windows(room); counts=[]
vf=[]
for k in range(125,len(r)):
    bed=np.percentile(r[k-125:k],30)
    if low*bed<=r[k]<3*bed:
        v,f=f0(room[(k-1)*W:(k+1)*W]); vf.append((v,f))
    elif r[k]>=3*bed: vf.append(('3x',0))
n3=sum(1 for x in vf if x[0]=='3x')
print('room windows 3x/min', n3, ' in [low,3x):', len(vf)-n3)
for pf in prof_f0:
    m=sum(1 for v,f in vf if v!='3x' and v>=vmin and abs(np.log2(f/pf))<tol)
    print(f'  caller f0 {pf} Hz: room windows matching per min {m}')
