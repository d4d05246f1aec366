document.querySelectorAll('.filters button').forEach(function(b){b.addEventListener('click',function(){
 document.querySelectorAll('.filters button').forEach(function(x){x.classList.toggle('on',x===b)});
 document.querySelector('.flist').setAttribute('data-show',b.getAttribute('data-filter'));});});
document.querySelectorAll('.printbtn').forEach(function(b){b.addEventListener('click',function(){window.print()})});
// A page's image shown large over the page: the 整页 (230x300) and 局部放大 of a finding, a
// page of 材料清单 and the desk's tiles of findings decided together, clicked or Enter on it
// (on a tile the click opens the image and leaves its tick as it was). Esc, 关闭 or a click closes it, the focus back on
// the image (the whole page could only be seen large as the original in a new window).
(function(){
 var IMAGES='figure.thumb svg, figure.zoom svg, .dthumb svg, .group-item svg', shown=null, back=null;
 function bind(svg){if(!svg.hasAttribute('tabindex')){svg.setAttribute('tabindex','0');svg.setAttribute('aria-label','放大查看（Esc 关闭）');}}
 function close(){if(!shown)return;shown.remove();shown=null;if(back&&back.isConnected)back.focus();back=null;}
 function open(svg){
  close();back=svg;
  var box=document.createElement('div');box.className='lightbox';box.setAttribute('role','dialog');box.setAttribute('aria-modal','true');box.setAttribute('aria-label','放大查看');
  var x=document.createElement('button');x.type='button';x.className='lbclose';x.textContent='关闭（Esc）';
  var big=svg.cloneNode(true);big.setAttribute('class','lbimg');big.removeAttribute('style');big.removeAttribute('tabindex');big.removeAttribute('aria-label');
  var cap=svg.closest('figure, .group-item');cap=cap&&cap.querySelector('figcaption, .small');
  var note=document.createElement('p');note.className='lbnote';note.textContent=(cap?cap.textContent+'：':'')+'点击任意处或按 Esc 关闭';
  box.appendChild(x);box.appendChild(big);box.appendChild(note);
  box.addEventListener('click',close);
  document.body.appendChild(box);shown=box;x.focus();
 }
 document.querySelectorAll(IMAGES).forEach(bind);
 document.addEventListener('click',function(e){var svg=!shown&&e.target.closest&&e.target.closest(IMAGES);if(svg){e.preventDefault();open(svg);}});
 document.addEventListener('keydown',function(e){
  if(shown){if(e.key==='Escape'){e.preventDefault();close();}else if(e.key==='Tab'){e.preventDefault();shown.querySelector('.lbclose').focus();}return;}
  var svg=(e.key==='Enter'||e.key===' ')&&e.target.closest&&e.target.closest(IMAGES);if(svg){e.preventDefault();open(svg);}
 });
})();
